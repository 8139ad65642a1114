namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>
/// Checks every answer of the cluster API against <c>docs/openapi.yaml</c> (<see cref="OpenApiContract"/>) as a test
/// receives it, and fails the test on the first that breaks it. It stands aside once a fault is injected through
/// <c>/__mock/faults</c>: faults answer whatever a test asks for, outside the document.
/// </summary>
/// <param name="enabled">False: answers pass unchecked until the end.</param>
/// <param name="report">What to do with a broken answer's problems: fail the test, unless told otherwise.</param>
internal sealed class ContractCheckingHandler(bool enabled, Action<string>? report = null) : DelegatingHandler(new HttpClientHandler())
{
    private static int _total;
    private int _checked;
    private volatile bool _enabled = enabled;

    /// <summary>Answers checked by every handler of this test run.</summary>
    public static int Total => Volatile.Read(ref _total);

    /// <summary>Answers this handler checked.</summary>
    public int Checked => Volatile.Read(ref _checked);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (path.StartsWith(AdminApi.Prefix + "/faults", StringComparison.Ordinal) && request.Method == HttpMethod.Post)
        {
            _enabled = false;
        }

        if (!_enabled || path.StartsWith(AdminApi.Prefix, StringComparison.Ordinal))
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers).Select(h => h.Key).ToList();
        var answer = new Answer(
            request.Method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, headers,
            await response.Content.ReadAsStringAsync(cancellationToken));
        var problems = OpenApiContract.Docs.Check(answer);
        Interlocked.Increment(ref _checked);
        Interlocked.Increment(ref _total);
        if (problems.Count > 0)
        {
            var why = string.Join('\n', problems);
            (report ?? Assert.Fail)($"The mock's answer breaks docs/openapi.yaml:\n{why}\nbody: {Shorten(answer.Body)}");
        }

        return response;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
