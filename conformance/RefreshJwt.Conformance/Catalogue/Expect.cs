using RefreshJwt.Conformance.Target;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// The checks cases make, each returning the problem it found (null when none), so one case can check several
/// requests and report every problem at once through <see cref="All"/>.
/// </summary>
public static class Expect
{
    /// <summary>Fails the case with every problem found, one per line.</summary>
    public static void All(params IEnumerable<string?> problems)
    {
        var found = problems.OfType<string>().ToList();
        if (found.Count > 0)
        {
            Assert.Fail(string.Join("\n", found));
        }
    }

    /// <summary>
    /// An answer at all: a redirect, an answer over the size cap, a timeout or a dropped connection is an outcome of
    /// its own, which no expectation reads as a refusal or as "no 5xx".
    /// </summary>
    public static string? Answered(Reply reply, string what) =>
        reply.Answered ? null : $"{what}: expected an answer, got {reply.Summary()}";

    /// <summary>An answer with exactly <paramref name="status"/>.</summary>
    public static string? AnsweredWith(Reply reply, int status, string what) =>
        Answered(reply, what) ?? (reply.Status == status ? null : $"{what}: expected {status}, got {reply.Summary()}");

    /// <summary>
    /// That all <paramref name="expected"/> requests sent together were answered; the count is the problem when not,
    /// with what came instead of the first missing answer.
    /// </summary>
    public static string? AllAnswered(IReadOnlyCollection<Reply> replies, int expected, string what)
    {
        var answered = replies.Count(r => r.Answered);
        return answered >= expected
            ? null
            : $"{what}: only {answered} of {expected} were answered (first without an answer: {replies.First(r => !r.Answered).Summary()})";
    }

    /// <summary>A documented success: 200, <c>application/json</c>, a JSON object whose <c>access_token</c> is a compact JWS.</summary>
    public static string? IssuedToken(Reply reply, string what, out DecodedToken? token)
    {
        token = null;
        if (!reply.Answered || reply.Status != Contract.Issued)
        {
            return $"{what}: expected 200 with a new token, got {reply.Summary()}";
        }

        if (JsonContentType(reply, what) is { } problem)
        {
            return problem;
        }

        if (reply.Json is not { ValueKind: System.Text.Json.JsonValueKind.Object })
        {
            return $"{what}: expected a JSON object body, got {reply.Summary()}";
        }

        if (reply.AccessToken is not { } accessToken)
        {
            return $"{what}: the body has no string \"access_token\" ({reply.Summary()})";
        }

        token = DecodedToken.TryDecode(accessToken, out var why);
        return token is null ? $"{what}: access_token is not a compact JWS: {why}" : null;
    }

    /// <summary>The response is labelled <c>application/json</c> (parameters such as charset aside).</summary>
    public static string? JsonContentType(Reply reply, string what) =>
        Answered(reply, what) ?? (reply.ContentType?.Split(';')[0].Trim().Equals(Contract.JsonMediaType, StringComparison.OrdinalIgnoreCase) == true
            ? null
            : $"{what}: expected Content-Type application/json, got \"{reply.ContentType ?? "none"}\"");

    /// <summary>A refusal: one of <paramref name="statuses"/> (401 when none is given) and no token.</summary>
    public static string? Refused(Reply reply, string what, params int[] statuses)
    {
        statuses = statuses.Length == 0 ? [Contract.Unauthorized] : statuses;
        return reply.Answered && statuses.Contains(reply.Status) && reply.AccessToken is null
            ? null
            : $"{what}: expected {string.Join(" or ", statuses)}, got {reply.Summary()}";
    }

    /// <summary>No token issued: an answer, but not a 2xx carrying <c>access_token</c>.</summary>
    public static string? NoToken(Reply reply, string what) =>
        Answered(reply, what) ?? (reply.Status is >= 200 and < 300 && reply.AccessToken is not null
            ? $"{what}: expected no token, got {reply.Summary()}"
            : null);

    /// <summary>An answer, and no 5xx: bad input is the client's problem, not the server's.</summary>
    public static string? NoServerError(Reply reply, string what) =>
        Answered(reply, what) ?? (reply.Status >= 500 ? $"{what}: the server failed with {reply.Summary()}" : null);

    /// <summary>
    /// <c>exp - iat</c> is <paramref name="seconds"/>: never less, and at most one more (a server may read its clock
    /// twice, once for each claim, across a second's edge).
    /// </summary>
    public static string? Lifetime(DecodedToken? token, long seconds, string what) =>
        token switch
        {
            null => null,
            { Lifetime: null } => $"{what}: the token has no numeric iat and exp to measure its lifetime ({string.Join(", ", token.ClaimNames)})",
            { Lifetime: var lifetime } when lifetime < seconds || lifetime > seconds + 1 => $"{what}: expected exp - iat = {seconds} s, got {lifetime} s",
            _ => null,
        };
}
