using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RefreshJwt.Conformance.Tests.Power;

namespace RefreshJwt.Conformance.Tests.CommandLine;

/// <summary>
/// Leaks tested the way an attacker looks for them. A recording proxy in front of the target learns every value the
/// target issued during a run, without any of the suite's code; after the run, the console, every report file and
/// every snapshot are scanned for any 12-character piece of any issued signature (and of any issued payload), and
/// for each password in plain, JSON-escaped and URL-escaped form, in the raw text and in its HTML-, JSON- and
/// URL-decoded readings. Zero hits.
/// </summary>
public sealed partial class SecretScanTests
{
    /// <summary>The length of a piece that counts as a leak: 72 bits of a signature, never found by chance.</summary>
    private const int PieceLength = 12;

    // Characters JSON, HTML and URLs escape: the secret must not slip out in an escaped form either.
    private const string AdminPassword = "Scan+Admin'Pa55<w>&rd/é-7f3c";
    private const string ExpiredPassword = "Scan \"Expired\" Pa55word-91ab";

    private static readonly string[] Passwords = [AdminPassword, ExpiredPassword];

    [Test]
    public async Task A_passing_run_against_the_mock_leaves_no_piece_of_any_issued_token([Values("rs-7.8", "rs-7.4")] string profile)
    {
        var scan = await RunThroughRecordingProxyAsync(Deviation.None, profile, ExitCodes.Ok);

        Assert.That(scan.Hits, Is.Empty);
    }

    [TestCase("refresh answers 201")]
    [TestCase("refresh returns an opaque string, not a JWT")]
    [TestCase("refresh skips the signature check")]
    [TestCase("refresh fails with 500 on tokens it cannot parse")]
    public async Task A_failing_run_leaves_no_piece_of_any_issued_token(string deviation)
    {
        var scan = await RunThroughRecordingProxyAsync(Deviations.All.Single(d => d.Name == deviation), "rs-7.4", ExitCodes.Failed);

        Assert.That(scan.Hits, Is.Empty);
    }

    [Test]
    public void The_scan_finds_a_planted_piece_of_a_signature_and_every_form_of_a_password()
    {
        var token = Upstream.Sign(new JsonObject { ["iat"] = 1_800_000_000, ["exp"] = 1_800_000_300, ["uid"] = "1" });
        var signature = token[(token.LastIndexOf('.') + 1)..];
        var recorder = new IssuedValues();
        recorder.Collect(new JsonObject { ["access_token"] = token }.ToJsonString());
        var clean = "PASS  MUST  V01  «JWT {\"alg\":\"HS256\"} {\"uid\":\"1\"} signature: 43 characters»\n";
        var outputs = new Dictionary<string, string>
        {
            ["clean"] = clean,
            ["piece"] = clean + $"refused JWT «…».{signature.Substring(17, PieceLength)}!",
            ["piece, JSON-escaped around it"] = $"{{\"reason\":\"x\\u002B{signature.Substring(3, PieceLength)}\\u002B\"}}",
            ["password, plain"] = clean + AdminPassword,
            ["password, JSON-escaped"] = JsonSerializer.Serialize(new { password = AdminPassword }),
            ["password, URL-escaped"] = "body: password=" + Uri.EscapeDataString(AdminPassword),
            ["password, HTML-escaped"] = "<td>" + WebUtility.HtmlEncode(AdminPassword) + "</td>",
        };

        var scan = recorder.Scan(outputs, Passwords);

        Assert.That(scan.Hits.Select(h => h.Split(':')[0]).Distinct(), Is.EquivalentTo(outputs.Keys.Where(k => k != "clean")));
        Assert.That(recorder.Scan(new Dictionary<string, string> { ["eleven"] = signature.Substring(17, PieceLength - 1) }, Passwords).Hits, Is.Empty, "a shorter piece is not a leak");
    }

    /// <summary>Runs the suite through a recording proxy in front of a mock with <paramref name="deviation"/>, then scans what it left.</summary>
    private static async Task<ScanResult> RunThroughRecordingProxyAsync(Deviation deviation, string profile, int expectedExit)
    {
        var issued = new IssuedValues();
        using var server = DeviantServer.Start(issued.Recording(deviation), Upstream.Start(profile: profile, usersPath: WriteUsers()));
        var (reports, snapshots) = (Temporary(), Temporary());

        var (exit, output, error) = await ConformanceProcess.RunAsync(
            ["--target", server.Url, "--username", "scan@example.com", "--expired-username", "scan-expired@example.com",
             "--report-dir", reports, "--snapshots", "scan", "--snapshot-dir", snapshots],
            new Dictionary<string, string?> { ["RS_PASSWORD"] = AdminPassword, ["RS_EXPIRED_PASSWORD"] = ExpiredPassword });

        Assert.That(exit, Is.EqualTo(expectedExit), output + error);
        var files = Directory.EnumerateFiles(reports, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(snapshots, "*", SearchOption.AllDirectories))
            .ToList();
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "junit.xml", "report.html", "summary.md", "results.json" }));
        Assert.That(files.Count(f => f.EndsWith(".snap", StringComparison.Ordinal)), Is.GreaterThan(40), "every case's snapshot is scanned");
        Assert.That(issued.Count, Is.GreaterThanOrEqualTo(10), "the proxy saw the tokens of a whole run (identical claims in the same second make identical tokens): the scan has something to find");
        var outputs = files.ToDictionary(f => Path.GetRelativePath(Path.GetTempPath(), f), File.ReadAllText);
        outputs["console"] = output + error;

        var scan = issued.Scan(outputs, Passwords);
        TestContext.Out.WriteLine(
            $"{deviation.Name} ({profile}): {issued.Count} distinct values issued, {scan.Windows} distinct {PieceLength}-character pieces " +
            $"({scan.SignatureWindows} of signatures) and {scan.PasswordForms} password forms looked for in " +
            $"{outputs.Count} outputs ({files.Count} files and the console, {scan.Characters / 1024} KiB): {scan.Hits.Count} hits");
        return scan;
    }

    private static string WriteUsers()
    {
        var path = Path.Combine(Temporary(), "users.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new object[]
        {
            new { uid = 1, email = "scan@example.com", password = AdminPassword, name = "Scan", role = "admin", status = "active" },
            new { uid = 2, email = "scan-expired@example.com", password = ExpiredPassword, name = "Scan Expired", role = "db_viewer", status = "password_expired" },
        }));
        return path;
    }

    private static string Temporary() => Directory.CreateTempSubdirectory("refresh-jwt-scan-").FullName;

    /// <summary>What the scan found, and how much it looked at.</summary>
    private sealed record ScanResult(List<string> Hits, int Windows, int SignatureWindows, int PasswordForms, long Characters);

    /// <summary>Every value the target issued, collected from the responses as they pass the proxy.</summary>
    private sealed partial class IssuedValues
    {
        private readonly ConcurrentDictionary<string, bool> _values = new(StringComparer.Ordinal);

        public int Count => _values.Count;

        /// <summary><paramref name="deviation"/>, with every response it lets through recorded on its way to the suite.</summary>
        public Deviation Recording(Deviation deviation) => deviation with
        {
            Response = (request, response, upstream) =>
            {
                var answer = deviation.Response?.Invoke(request, response, upstream) ?? response;
                Collect(answer.Body);
                return answer;
            },
        };

        /// <summary>Every string under a member named like a token, and every compact-JWS-shaped string, anywhere in a JSON body.</summary>
        public void Collect(string body)
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                foreach (Match jws in Jws().Matches(body))
                {
                    _values.TryAdd(jws.Value, true);
                }

                return;
            }

            Walk(root, null);
        }

        public ScanResult Scan(IReadOnlyDictionary<string, string> outputs, string[] passwords)
        {
            var signatureWindows = _values.Keys.SelectMany(v => Windows(v.Split('.')[^1])).ToHashSet(StringComparer.Ordinal);
            var windows = _values.Keys.Where(v => v.Split('.').Length == 3).SelectMany(v => Windows(v.Split('.')[1])).Concat(signatureWindows).ToHashSet(StringComparer.Ordinal);
            var lookup = windows.GetAlternateLookup<ReadOnlySpan<char>>();
            var forms = passwords
                .SelectMany(p => new[] { p, JsonSerializer.Serialize(p)[1..^1], Uri.EscapeDataString(p), WebUtility.HtmlEncode(p) })
                .Distinct()
                .ToList();
            var hits = new List<string>();
            foreach (var (name, raw) in outputs)
            {
                foreach (var text in Readings(raw))
                {
                    var at = Enumerable.Range(0, Math.Max(0, text.Length - PieceLength + 1)).Where(i => lookup.Contains(text.AsSpan(i, PieceLength))).ToList();
                    if (at.Count > 0)
                    {
                        // The report names where, not what: a hit must not leak again through the test log.
                        hits.Add($"{name}: {at.Count} pieces of issued tokens, the first at character {at[0]}");
                    }

                    hits.AddRange(forms.Where(f => text.Contains(f, StringComparison.Ordinal)).Select(f => $"{name}: a password form of {f.Length} characters"));
                }
            }

            return new ScanResult(hits.Distinct().ToList(), windows.Count, signatureWindows.Count, forms.Count, outputs.Values.Sum(o => (long)o.Length));
        }

        private static IEnumerable<string> Windows(string value) =>
            Enumerable.Range(0, Math.Max(0, value.Length - PieceLength + 1)).Select(at => value.Substring(at, PieceLength));

        /// <summary>The text as stored, and as an HTML, JSON and URL decoder would read it.</summary>
        private static IEnumerable<string> Readings(string text) =>
        [
            text,
            WebUtility.HtmlDecode(text),
            JsonEscape().Replace(text, m => m.Groups[1].Success ? ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString() : m.Groups[2].Value),
            Uri.UnescapeDataString(text),
        ];

        private void Walk(JsonNode? node, string? name)
        {
            switch (node)
            {
                case JsonObject members:
                    foreach (var (member, value) in members)
                    {
                        Walk(value, member);
                    }

                    break;
                case JsonArray items:
                    foreach (var item in items)
                    {
                        Walk(item, name);
                    }

                    break;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    var named = name is not null && (name.Contains("token", StringComparison.OrdinalIgnoreCase) || name.Equals("jwt", StringComparison.OrdinalIgnoreCase));
                    if (named || Jws().IsMatch(text))
                    {
                        _values.TryAdd(text, true);
                    }

                    break;
            }
        }

        [GeneratedRegex(@"[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}")]
        private static partial Regex Jws();

        [GeneratedRegex(@"\\(?:u([0-9A-Fa-f]{4})|([""\\/]))")]
        private static partial Regex JsonEscape();
    }
}
