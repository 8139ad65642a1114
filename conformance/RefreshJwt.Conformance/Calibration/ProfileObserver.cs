using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Calibration;

/// <summary>
/// Turns a run's evidence into a mock profile that behaves as the target did where the docs are silent. Only what
/// the run observed is written; every setting it could not observe is listed in <c>notObserved</c>, and the mock
/// keeps its default for it. Reads observations and normalized exchanges only: no secret can reach the profile.
/// </summary>
public static partial class ProfileObserver
{
    private static readonly string[] TimeClaims = ["iat", "exp", "nbf", "uid"];

    /// <summary>
    /// Per refusal reason: the case and the exchange (by label start; null: any) whose first refusal shows it. No case
    /// sends a request to an unknown path or with the wrong method: notFound and wrongMethod are never observed.
    /// </summary>
    private static readonly (string Reason, string Case, string? Label)[] RefusalSources =
    [
        (RefusalReasons.WrongPassword, "A02", null),
        (RefusalReasons.ExpiredPassword, "P02", null),
        (RefusalReasons.ExpiredPasswordToken, "P01", null),
        (RefusalReasons.NoHeader, "N01", null),
        (RefusalReasons.WrongScheme, "N02c", null),
        (RefusalReasons.EmptyToken, "N03", null),
        (RefusalReasons.Malformed, "N30", null),
        (RefusalReasons.Unsigned, "N04", null),
        (RefusalReasons.BadSignature, "N07", null),
        (RefusalReasons.Expired, "E01", null),
        (RefusalReasons.NotYetValid, "N21", null),
        (RefusalReasons.InvalidClaims, "N23", "refresh with uid = null"),
        (RefusalReasons.Revoked, "N33", "refresh the same token again"),
        (RefusalReasons.BadTtl, "T04", null),
        (RefusalReasons.BadBody, "T11", null),
    ];

    public static JsonObject Observe(RunEvidence run, ProfileProvenance provenance, string name)
    {
        var profile = new JsonObject
        {
            ["name"] = name,
            ["description"] = $"Observed from {provenance.Target} on {provenance.Observed} by the conformance suite's --observe.",
            ["provenance"] = JsonSerializer.SerializeToNode(provenance, Json),
        };
        var notObserved = new List<string>();

        void Set(string setting, JsonNode? value)
        {
            if (value is null)
            {
                notObserved.Add(setting);
            }
            else
            {
                profile[setting] = value;
            }
        }

        Set("authorizeCredentials", AuthorizeCredentials(run));
        Set("tokenSchemes", run.Case("N02a")?.Observed("Bearer <token>") is { } bearer
            ? new JsonArray(bearer == "accepted" ? ["JWT", "Bearer"] : new JsonNode[] { "JWT" })
            : null);
        Set("schemeCaseSensitive", run.Case("N02b")?.Observed("jwt <token>") is { } lower ? lower != "accepted" : null);
        Set("errorMessageField", ErrorMessageField(run));
        Set("passwordExpiredStatus", Refused(run.Case("P02")?.Probes.FirstOrDefault()) is { Status: < 500 } p02 ? p02.Status : null);
        Set("invalidTtlStatus", Refused(run.Case("T04")?.Probes.FirstOrDefault()) is { Status: < 500 } t04 ? t04.Status : null);
        Set("ttlOutOfRange", TtlOutOfRange(run));
        Set("ttlText", Lenient(run, "T09", "{\"ttl\":\"60\"}", "200, token living 60 s", "coerce"));
        Set("ttlNull", Lenient(run, "T10", "{\"ttl\":null}", "200, token living 300 s", "default"));
        Set("unreadableBody", Lenient(run, "T11", "ttl=60", "200, token living 300 s", "ignore"));
        Set("requestContentType", run.Case("T13")?.Observed("status") switch
        {
            "200" => "any",
            "400" => "json",
            _ => null,
        });
        Set("refreshWithoutTtl", run.Case("I03")?.Observed("lifetime") switch
        {
            "300" => "default",
            "600" => "keep",
            _ => null,
        });
        Set("revokeOnRefresh", run.Case("N33")?.Observed("the same token refreshed twice") is { } twice ? twice.StartsWith("refused", StringComparison.Ordinal) : null);
        Set("revokedTokenScope", RevokedTokenScope(run));
        Set("leewaySeconds", Leeway(run));
        Set("algorithms", run.Case("V11")?.Observed("alg") is "HS256" or "HS384" or "HS512" ? new JsonArray(run.Case("V11")!.Observed("alg")) : null);
        var (constant, perToken) = Claims(run);
        Set("extraClaims", constant);
        Set("perTokenClaims", perToken);
        Set("uidClaimType", run.Case("V13")?.Observed("uid type") is "string" or "number" ? run.Case("V13")!.Observed("uid type") : null);
        Set("tokenHeader", TokenHeader(run));
        Set("clockOffsetSeconds", ClockOffset(run));
        Set("userFields", run.Case("V06")?.Probes.FirstOrDefault(x => x is { Method: "GET", Status: 200, BodyFields: not null }) is { } user
            ? new JsonArray(user.BodyFields!.Select(f => (JsonNode)f).ToArray())
            : null);
        var refusals = new JsonObject();
        foreach (var (reason, caseId, label) in RefusalSources)
        {
            var probe = run.Case(caseId)?.Probes.FirstOrDefault(x => (label is null || x.Label.StartsWith(label, StringComparison.Ordinal)) && x.Status >= 400);
            if (Refused(probe) is { } refused && Shape(refused) is { } shape)
            {
                refusals[reason] = shape;
            }
        }

        notObserved.AddRange(RefusalReasons.All.Where(r => !refusals.ContainsKey(r)).Select(r => "refusals." + r));

        profile["refusals"] = refusals;
        profile["notObserved"] = new JsonArray(notObserved.Select(s => (JsonNode)s).ToArray());
        return profile;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The profile as a file: indented JSON.</summary>
    public static string Render(JsonObject profile) =>
        profile.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    private static JsonArray? AuthorizeCredentials(RunEvidence run)
    {
        var a05 = run.Case("A05");
        if (a05 is null || !a05.Ran)
        {
            return null;
        }

        var styles = new List<JsonNode>();
        if (a05.Observed("Basic header") == "accepted")
        {
            styles.Add("basic");
        }

        if (a05.Observed("JSON body") == "accepted")
        {
            styles.Add("body");
        }

        return styles.Count == 0 ? null : new JsonArray(styles.ToArray());
    }

    private static JsonNode? ErrorMessageField(RunEvidence run)
    {
        var refused = Refused(run.Case("I02")?.Probes.FirstOrDefault());
        return refused switch
        {
            null => null,
            { BodyFields: { } fields } when fields.Contains("description") => "description",
            { BodyFields: { } fields } when fields.Contains("message") => "message",
            { BodyKind: "empty" } => "none",
            _ => null,
        };
    }

    /// <summary>An odd ttl body refused (any 4xx), or taken as <paramref name="accepted"/> says: the lenient reading.</summary>
    private static JsonNode? Lenient(RunEvidence run, string caseId, string observation, string accepted, string lenient) =>
        run.Case(caseId)?.Observed(observation) switch
        {
            null => null,
            var value when value == accepted => lenient,
            var value when value.StartsWith('4') => "refuse",
            _ => null,
        };

    private static JsonNode? TtlOutOfRange(RunEvidence run)
    {
        var probes = run.Case("T06")?.Probes.ToList();
        if (probes is null || probes.Count == 0)
        {
            return null;
        }

        return probes.All(p => p is { Status: 200, Lifetime: 86400 }) ? "clamp" : probes.All(p => p.Status != 200) ? "refuse" : null;
    }

    /// <summary>
    /// The leeway E02 measured, or, from the expiry boundary it recorded (accepted or refused at exp -1, +0, +1, +60 s),
    /// the smallest leeway that explains it.
    /// </summary>
    /// <summary>
    /// Where a token revoked by refresh is refused (R02 reads a user with it): only a target that revokes has a scope,
    /// and only a read that was answered tells it.
    /// </summary>
    private static string? RevokedTokenScope(RunEvidence run) =>
        run.Case("N33")?.Observed("the same token refreshed twice") is { } twice && twice.StartsWith("refused", StringComparison.Ordinal)
            ? run.Case("R02")?.Observed("old token on GET /v1/users/{uid} after refresh") switch
            {
                "accepted" => "refresh",
                { } read when read.StartsWith("refused", StringComparison.Ordinal) => "everywhere",
                _ => null,
            }
            : null;

    private static JsonNode? Leeway(RunEvidence run)
    {
        var e02 = run.Case("E02");
        if (e02 is null || !e02.Ran)
        {
            return null;
        }

        // The measured leeway, when the run measured it (on a cluster too, by waiting).
        if (e02.Observed("leeway (s)") is { } measured)
        {
            return int.TryParse(measured, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        }

        var accepted = new List<int>();
        var refused = new List<int>();
        foreach (var (name, value) in e02.Observations.Select(o => (o.Name, o.Value)))
        {
            if (name.StartsWith("at exp ", StringComparison.Ordinal) && int.TryParse(name[7..].Split(' ')[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset))
            {
                (value == "accepted" ? accepted : refused).Add(offset);
            }
        }

        // Accepted at exp + k means k < leeway; refused means k >= leeway (the mock refuses from exp + leeway on).
        var least = accepted.Count == 0 ? 0 : Math.Max(0, accepted.Max() + 1);
        return refused.Any(r => r >= least) || refused.Count == 0 ? least : null;
    }
}
