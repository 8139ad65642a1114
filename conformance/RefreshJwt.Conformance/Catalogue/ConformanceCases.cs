using System.Diagnostics;
using System.Globalization;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Target;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>What every case fixture shares: the target, its client, and the setup steps cases repeat.</summary>
public abstract class ConformanceCases
{
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
    /// Lets <paramref name="token"/> expire on the target's own clock: moved forward on the mock, waited out in real
    /// time otherwise, measured from when the token arrived, plus the run's margin.
    /// </summary>
    protected static async Task WaitPastExpiryAsync(DecodedToken token, Stopwatch sinceIssued)
    {
        var lifetime = TimeSpan.FromSeconds(token.Lifetime ?? throw new InvalidOperationException("the token has no lifetime"));
        var margin = TimeSpan.FromSeconds(Target.Settings.ExpiryMargin);
        if (Target.Mock is { } mock)
        {
            await mock.AdvanceClockAsync(lifetime + margin);
            return;
        }

        var remaining = lifetime + margin - sinceIssued.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }
    }

    /// <summary>Presents <paramref name="authorization"/> to refresh_jwt; the problem if it is not refused with 401.</summary>
    protected static async Task<string?> RefusedAsync(string label, string? authorization)
    {
        var reply = await Api.RefreshAsync(label, authorization);
        return Expect.Refused(reply, label);
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
