using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace RefreshJwt.MockServer;

/// <summary>
/// The guard in front of WireMock.Net: bodies are capped, and HTTP that Kestrel refuses once the request has reached
/// the app (a bad chunk, a body cut short or too slow, one too long) is answered in the mock's error shape and
/// journaled. No exception text leaves the process: WireMock.Net would send it in a 500.
/// </summary>
public sealed partial class MockServerHost
{
    private async Task Guard(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;

        // HTTP/1.0 needs no Host and HTTP/1.1 may send an empty one (RFC 9112 §3.2): Kestrel lets both through, and
        // WireMock.Net cannot build the request's URL without one. The address the request came in on stands in.
        if (!request.Host.HasValue)
        {
            request.Host = new HostString(HostOf(context.Connection.LocalIpAddress), context.Connection.LocalPort);
        }
        else if (!Uri.TryCreate($"http://{request.Host.Value}/", UriKind.Absolute, out _))
        {
            // Kestrel lets a Host such as "a:99999" through, and WireMock.Net cannot build a URL from it (a 500).
            await RejectAsync(context, Rejection(400, new Refusal(RefusalKind.BadHttp, "the Host header is no valid host and port")));
            return;
        }

        // A declared length over the cap is refused before a byte of the body is read.
        if (request.ContentLength > _maxBodyBytes)
        {
            await RejectAsync(context, Rejection(413, new Refusal(
                RefusalKind.BodyTooLarge, $"Content-Length {request.ContentLength} is over the {_maxBodyBytes}-byte limit; the body was not read")));
            return;
        }

        // A chunked body is counted as it arrives: Kestrel stops reading at the cap (413).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _maxBodyBytes;
        }

        try
        {
            // Faults act inside the guard: whatever they cut short is answered here like any other broken request.
            await Faults.InvokeAsync(context, next);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await RejectAsync(context, Rejection(e.StatusCode, e.StatusCode switch
            {
                413 => new Refusal(RefusalKind.BodyTooLarge, $"the body grew past the {_maxBodyBytes}-byte limit; reading stopped there"),
                408 => new Refusal(RefusalKind.BadHttp, "the body arrived slower than the minimum data rate (240 bytes/s after 5 s)"),
                _ => new Refusal(RefusalKind.BadHttp, "the body's framing is broken (a bad chunk, or fewer bytes than Content-Length)"),
            }));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-request: nobody is left to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await RejectAsync(context, Fault(e));
        }
    }

    /// <summary>A fault of the mock, not of the request: still one JSON line, never the exception's text or a path.</summary>
    private ApiOutcome Fault(Exception e) =>
        Rejection(500, new Refusal(RefusalKind.BadHttp, $"the mock failed on this request ({e.GetType().Name})"));

    /// <summary>The cluster's error shape for a request refused below the API, with an error code for its status.</summary>
    private ApiOutcome Rejection(int status, Refusal refusal)
    {
        var (code, text) = status switch
        {
            413 => ("request_too_large", string.Create(CultureInfo.InvariantCulture, $"The request body is larger than {_maxBodyBytes} bytes")),
            408 => ("request_timeout", "The request body did not arrive in time"),
            500 => ("internal_error", "The mock could not answer this request"),
            _ => ("bad_request", "The request is not well-formed HTTP"),
        };
        return new ApiOutcome(_api.Error(status, code, text), Refusal: refusal);
    }

    /// <summary>Answers, journals and logs it, and closes the connection: its state is unknown.</summary>
    private async Task RejectAsync(HttpContext context, ApiOutcome outcome)
    {
        Record(context.Request.Method, context.Request.Path.Value ?? "", outcome);
        var response = context.Response;
        response.StatusCode = outcome.Response.Status;
        response.Headers.Connection = "close";
        foreach (var (name, value) in outcome.Response.Headers)
        {
            response.Headers[name] = value;
        }

        if (outcome.Response.Body is { } body)
        {
            await response.WriteAsync(body);
        }
    }

    private static string HostOf(IPAddress? address) => address switch
    {
        null => "localhost",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"[{address}]",
        _ => address.ToString(),
    };
}
