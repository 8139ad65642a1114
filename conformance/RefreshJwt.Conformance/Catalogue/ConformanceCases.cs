using System.Diagnostics;
using System.Globalization;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Target;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>What every case fixture shares: the target, its client, and the setup steps cases repeat.</summary>
public abstract class ConformanceCases
{
    /// <summary>How far past expiry a movable clock is sent: beyond the "few minutes" of leeway RFC 7519 allows.</summary>
    private static readonly TimeSpan MockLeeway = TimeSpan.FromMinutes(5);

    protected static TargetSession Target =>
        TargetSession.Current ?? throw new InvalidOperationException("no target session: run the catalogue through ./run-conformance.sh");

    protected static ClusterClient Api => Target.Api;

    /// <summary>Records a value the case saw; INFO cases are made of these.</summary>
    protected static void Observe(string name, object? value) =>
        CaseRecord.Current?.Observe(name, value is null ? "none" : Target.Redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "none"));

    /// <summary>Records what a refusal looks like: the docs describe no 401 body, header or content type.</summary>
    protected static void ObserveRefusal(Reply reply)
    {
        Observe("status", reply.Status);
        Observe("content type", reply.ContentType);
        Observe("body fields", Normalizer.Normalize(reply).BodyFields is { } fields ? string.Join(", ", fields) : "(not a JSON object)");
        Observe("error_code", reply.ErrorCode);
        Observe("WWW-Authenticate", reply.Headers.GetValueOrDefault("www-authenticate"));
    }

    /// <summary>A fresh token from authorize; a target that cannot issue one fails the case here.</summary>
    protected static async Task<DecodedToken> TokenAsync(int? ttl = null, Credentials? user = null)
    {
        var reply = await Api.AuthorizeAsync(ttl is null ? "authorize (setup)" : $"authorize with ttl {ttl} (setup)", user, ttl);
        Expect.All(Expect.IssuedToken(reply, "authorize (setup)", out var token));
        return token!;
    }

    /// <summary>
    /// Lets <paramref name="token"/> expire on the target's own clock, counting from when it arrived: waited out in
    /// real time (its lifetime plus <c>--expiry-margin</c>), or, on the mock, its clock moved well past any leeway.
    /// </summary>
    protected static Task WaitPastExpiryAsync(DecodedToken token, Stopwatch sinceArrival)
    {
        var lifetime = TimeSpan.FromSeconds(token.Lifetime ?? throw new AssertionException("the token has no numeric iat and exp to wait out"));
        var margin = TimeSpan.FromSeconds(Target.Settings.ExpiryMargin);
        return Target.Mock is null
            ? LetTimePassAsync(lifetime + margin - sinceArrival.Elapsed)
            : LetTimePassAsync(lifetime + (margin > MockLeeway ? margin : MockLeeway));
    }

    /// <summary>Lets the target's clock move on: the mock's is moved at once, a cluster's is waited for.</summary>
    protected static async Task LetTimePassAsync(TimeSpan time)
    {
        if (time <= TimeSpan.Zero)
        {
            return;
        }

        if (Target.Mock is { } mock)
        {
            await mock.AdvanceClockAsync(time);
        }
        else
        {
            await Task.Delay(time);
        }
    }

    /// <summary>Presents <paramref name="authorization"/> to refresh_jwt; the problem if it is not refused (with 401 unless told).</summary>
    protected static async Task<string?> RefusedAsync(string label, string? authorization, params int[] statuses)
    {
        var reply = await Api.RefreshAsync(label, authorization);
        return Expect.Refused(reply, label, statuses);
    }

    /// <summary>The target's signing key when the suite knows it (the embedded mock, or <c>RS_SIGNING_KEY</c>); skips the case otherwise.</summary>
    protected static byte[] RequireSigningKey() =>
        Target.SigningKey ?? throw new IgnoreException("needs the target's signing key to sign odd claims validly (known for the embedded mock, or set RS_SIGNING_KEY)");

    protected static void SkipUnless(bool condition, string reason)
    {
        if (!condition)
        {
            Assert.Ignore(reason);
        }
    }
}
