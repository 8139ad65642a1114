using System.Diagnostics;
using System.Globalization;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Target;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>What every case fixture shares: the run's target (handed in by the runner), its client, and the setup steps cases repeat.</summary>
public abstract class ConformanceCases
{
    /// <summary>A wait shows a progress line at least this often.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(4);

    /// <summary>The run's session, set by <see cref="CaseAttribute"/> before each case runs.</summary>
    internal TargetSession? Session { get; set; }

    protected TargetSession Target =>
        Session ?? throw new InvalidOperationException("no target session: run the catalogue through ./run-conformance.sh");

    protected ClusterClient Api => Target.Api;

    /// <summary>Records a value the case saw; INFO cases are made of these.</summary>
    protected void Observe(string name, object? value) =>
        CaseRecord.Current?.Observe(name, value is null ? "none" : Target.Redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "none"));

    /// <summary>Records what a refusal looks like: the docs describe no 401 body, header or content type.</summary>
    protected void ObserveRefusal(Reply reply)
    {
        Observe("status", reply.Status);
        Observe("content type", reply.ContentType);
        Observe("body fields", Normalizer.Normalize(reply).BodyFields is { } fields ? string.Join(", ", fields) : "(not a JSON object)");
        Observe("error_code", reply.ErrorCode);
        Observe("WWW-Authenticate", reply.Headers.GetValueOrDefault("www-authenticate"));
    }

    /// <summary>A fresh token from authorize; a target that cannot issue one fails the case here.</summary>
    protected async Task<DecodedToken> TokenAsync(int? ttl = null, Credentials? user = null)
    {
        var reply = await Api.AuthorizeAsync(ttl is null ? "authorize (setup)" : $"authorize with ttl {ttl} (setup)", user, ttl);
        Expect.All(Expect.IssuedToken(reply, "authorize (setup)", out var token));
        return token!;
    }

    /// <summary>Lets the target's clock move on: the mock's is moved at once, a cluster's is waited for (with progress).</summary>
    protected async Task LetTimePassAsync(TimeSpan time, string why)
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
            await WaitAsync(time, why);
        }
    }

    /// <summary>Waits in real time, saying what for whenever the console would otherwise stay silent for more than a few seconds.</summary>
    protected async Task WaitAsync(TimeSpan time, string why)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < time)
        {
            var left = time - clock.Elapsed;
            var chunk = left < ProgressEvery ? left : ProgressEvery;
            if (Target.SinceLastLine + chunk > ProgressEvery)
            {
                Target.Say($"{CaseRecord.Current?.CaseId}: {why}: {left.TotalSeconds:0} s to go");
            }

            await Task.Delay(chunk);
        }
    }

    /// <summary>Presents <paramref name="authorization"/> to refresh_jwt; the problem if it is not refused (with 401 unless told).</summary>
    protected async Task<string?> RefusedAsync(string label, string? authorization, params int[] statuses)
    {
        var reply = await Api.RefreshAsync(label, authorization);
        return Expect.Refused(reply, label, statuses);
    }

    /// <summary>The target's signing key when the suite knows it (the embedded mock, or <c>RS_SIGNING_KEY</c>); skips the case otherwise.</summary>
    protected byte[] RequireSigningKey() =>
        Target.SigningKey ?? throw new IgnoreException("needs the target's signing key to sign odd claims validly (known for the embedded mock, or set RS_SIGNING_KEY)");

    /// <summary>
    /// A token the suite signed with the target's own key: the target accepting it is no forgery, and it is a live
    /// credential, so every output is scrubbed of it like a token the target issued.
    /// </summary>
    protected string SignedAsTarget(string token)
    {
        Target.Redactor.Remember(token);
        return Target.Invariants.SignedAsTarget(token);
    }

    /// <summary>
    /// That at least <paramref name="expected"/> of <paramref name="replies"/> were answered; when fewer were, the case
    /// fails whatever its level, saying how many were (a case that counts answers cannot count what never came).
    /// </summary>
    protected static void RequireAnswers(IReadOnlyCollection<Reply> replies, int expected, string what)
    {
        if (Expect.AllAnswered(replies, expected, what) is { } problem)
        {
            CaseRecord.Current?.Unanswered(problem);
            Assert.Fail(problem);
        }
    }

    /// <summary>Fails the case whatever its level: a measurement some request got no answer to.</summary>
    protected static void FailUnanswered(string problem)
    {
        CaseRecord.Current?.Unanswered(problem);
        Assert.Fail(problem);
    }

    protected static void SkipUnless(bool condition, string reason)
    {
        if (!condition)
        {
            Assert.Ignore(reason);
        }
    }
}
