using System.Text;
using RefreshJwt.Conformance.Catalogue;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Tokens;

namespace RefreshJwt.Conformance.Target;

/// <summary>
/// The MUST rules every request of a run is held to, whatever case sent it (INFO cases included), checked here in one
/// place: no 5xx; every token the target issues is a signed compact JWS living 1..86400 s; refresh never answers 200 to a
/// token the target did not issue. A broken rule is charged to the case whose request broke it (or to the run's setup).
/// </summary>
public sealed class RunInvariants
{
    private static readonly InvariantRule NoServerError = new(
        "No request makes the target answer with a 5xx",
        Sources.ContractDoc + "#invariants",
        new CaseBasis(Basis.Reading, [], [Reading.NoServerError]));

    private static readonly InvariantRule Lifetimes = new(
        "Every token the target issues is a compact JWS living 1..86400 s (exp - iat)",
        Sources.JwtAuthorizeObject,
        new CaseBasis(Basis.Reading, [], [Reading.TtlRange]));

    private static readonly InvariantRule Signed = new(
        "Every token the target issues is signed (alg not none, a signature segment)",
        Sources.ContractDoc + "#invariants",
        new CaseBasis(Basis.Reading, [], [Reading.Signed]));

    private static readonly InvariantRule NoForgery = new(
        "Refresh never answers 2xx to a token the target did not issue",
        Sources.RefreshJwt401,
        new CaseBasis(Basis.Documented, [DocQuotes.NewToken, DocQuotes.TokenInvalid], []));

    /// <summary>The rules, each with what it rests on, as <c>--list</c> and docs/contract.md#invariants give them.</summary>
    public static readonly IReadOnlyList<InvariantRule> Rules = [NoServerError, Lifetimes, Signed, NoForgery];

    private readonly Lock _gate = new();
    private readonly List<string> _issued = [];
    private readonly List<string> _genuine = [];
    private readonly List<string> _outsideCases = [];

    /// <summary>Every token the target issued during the run, as it was sent: what a leak scan looks for.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_gate)
            {
                return _issued.ToList();
            }
        }
    }

    /// <summary>Rules broken by requests no case sent (the probe that checks the credentials).</summary>
    public IReadOnlyList<string> OutsideCases
    {
        get
        {
            lock (_gate)
            {
                return _outsideCases.ToList();
            }
        }
    }

    /// <summary>
    /// A token the suite signed with the target's own key (the claim cases): the target may accept it, for the suite
    /// acted as its issuer. Tokens signed with any other key stay forgeries.
    /// </summary>
    public string SignedAsTarget(string token)
    {
        lock (_gate)
        {
            _genuine.Add(Canonical(token));
        }

        return token;
    }

    /// <summary>Checks one exchange against every rule; each rule broken is charged to <paramref name="record"/>.</summary>
    public void Check(string label, string path, string? authorization, Reply reply, CaseRecord? record)
    {
        foreach (var broken in Broken(label, path, authorization, reply))
        {
            if (record is not null)
            {
                record.Violate(broken);
            }
            else
            {
                lock (_gate)
                {
                    _outsideCases.Add(broken);
                }
            }
        }
    }

    private IEnumerable<string> Broken(string label, string path, string? authorization, Reply reply)
    {
        if (reply.Status >= 500)
        {
            yield return $"{label}: the server failed with {reply.Status} (no request may make it fail with a 5xx; {NoServerError.Basis.RestsOn})";
        }

        // Judged before anything issued here is remembered, so a refresh that hands back what was presented is not its own witness.
        if (path == Contract.RefreshJwtPath && reply.Status is >= 200 and < 300 && !PresentsGenuine(authorization))
        {
            yield return $"{label}: refresh answered {reply.Status} to a token the target did not issue";
        }

        if (path is not (Contract.AuthorizePath or Contract.RefreshJwtPath) || reply.Status is < 200 or >= 300 || reply.AccessToken is not { } issued)
        {
            yield break;
        }

        lock (_gate)
        {
            _issued.Add(issued);
            _genuine.Add(Canonical(issued));
        }

        var token = DecodedToken.TryDecode(issued, out var problem);
        if (token is null)
        {
            yield return $"{label}: the issued access_token is not a compact JWS ({problem})";
            yield break;
        }

        if (!token.IsSigned)
        {
            yield return $"{label}: the issued token is unsigned (alg \"{token.Algorithm ?? "(none given)"}\", "
                + $"{(token.SignatureSegment.Length == 0 ? "empty" : "a")} signature segment): every token the target issues must be signed ({Signed.Basis.RestsOn})";
        }

        if (token.Lifetime is not { } lifetime)
        {
            yield return $"{label}: the issued token has no numeric iat and exp, so nothing bounds its life";
        }
        else if (!Contract.AllowsLifetime(lifetime))
        {
            yield return $"{label}: the issued token lives {lifetime} s (exp - iat), "
                + $"outside {Contract.MinTtl}..{Contract.MaxTtl} ({Lifetimes.Basis.RestsOn})";
        }
    }

    /// <summary>
    /// Whether the Authorization value carries a token the target issued (or the suite signed with its key), read as
    /// loosely as a lenient server would: padding, the +/ alphabet, stray characters and other words around it do not
    /// make it a forgery (those are SHOULD matters of their own cases); a changed header, claim or signature does.
    /// </summary>
    private bool PresentsGenuine(string? authorization)
    {
        if (authorization is null)
        {
            return false;
        }

        var presented = Canonical(authorization);
        lock (_gate)
        {
            // An unsigned token the target issued is its own too (the signing invariant fails it, not this one).
            return _genuine.Any(genuine => genuine.Split('.') is [var header, var payload, var signature]
                && presented.Contains(header + "." + payload, StringComparison.Ordinal)
                && presented.Contains(signature, StringComparison.Ordinal));
        }
    }

    /// <summary>Base64url with its padding, whitespace and stray characters dropped and the +/ alphabet mapped to -_.</summary>
    private static string Canonical(string text)
    {
        var canonical = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '+')
            {
                canonical.Append('-');
            }
            else if (c is '/')
            {
                canonical.Append('_');
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                canonical.Append(c);
            }
        }

        return canonical.ToString();
    }
}

/// <summary>One rule every request of a run is held to, with its source and what it rests on.</summary>
public sealed record InvariantRule(string Rule, string Source, CaseBasis Basis);
