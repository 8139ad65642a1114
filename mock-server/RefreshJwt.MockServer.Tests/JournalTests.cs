using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>GET/DELETE /__mock/journal and the per-request log: what happened and why, bounded, with no secrets in it.</summary>
public sealed class JournalTests
{
    [Test]
    public async Task Entry_records_time_request_status_and_user()
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.GetUserAsync("2", MockUnderTest.Basic(TestUsers.Admin).ToString());
        var entry = await mock.LastEntryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("sequence").GetInt64(), Is.EqualTo(1));
            Assert.That(entry.GetProperty("time").GetDateTimeOffset(), Is.EqualTo(MockUnderTest.FrozenAt));
            Assert.That(entry.GetProperty("method").GetString(), Is.EqualTo("GET"));
            Assert.That(entry.GetProperty("path").GetString(), Is.EqualTo("/v1/users/2"));
            Assert.That(entry.GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(entry.GetProperty("user").GetString(), Is.EqualTo(TestUsers.Admin.Email));
            Assert.That(entry.GetProperty("refusal").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Journal_keeps_at_most_its_capacity_and_counts_what_it_evicted()
    {
        using var mock = MockUnderTest.Start(journalCapacity: 3);

        for (var i = 0; i < 5; i++)
        {
            using var response = await mock.GetUserAsync($"{i}", null);
        }

        var journal = await mock.JournalAsync();
        Assert.Multiple(() =>
        {
            Assert.That(journal.GetProperty("capacity").GetInt32(), Is.EqualTo(3));
            Assert.That(journal.GetProperty("total").GetInt64(), Is.EqualTo(5));
            Assert.That(journal.GetProperty("evicted").GetInt64(), Is.EqualTo(2));
            Assert.That(journal.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()), Is.EqualTo(new[] { "/v1/users/2", "/v1/users/3", "/v1/users/4" }));
        });
    }

    [Test]
    public async Task Delete_empties_the_journal_and_resets_its_counts()
    {
        using var mock = MockUnderTest.Start(journalCapacity: 1);
        using (await mock.RefreshAsync(null))
        using (await mock.RefreshAsync(null))
        {
        }

        using var delete = await mock.Http.DeleteAsync("/__mock/journal");
        var journal = await mock.JournalAsync();

        Assert.Multiple(() =>
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(journal.GetRawText(), Is.EqualTo("""{"capacity":1,"total":0,"evicted":0,"entries":[]}"""));
        });
    }

    [Test]
    public async Task Admin_requests_are_not_journaled_but_unknown_paths_are()
    {
        using var mock = MockUnderTest.Start();

        using (await mock.Http.GetAsync("/__mock/clock"))
        using (await mock.Http.GetAsync("/__mock/users"))
        using (await mock.Http.GetAsync("/nowhere"))
        {
        }

        var journal = await mock.JournalAsync();
        Assert.That(journal.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()), Is.EqualTo(new[] { "/nowhere" }));
    }

    [TestCase(null, "missing_authorization", "no Authorization header")]
    [TestCase("Bearer abc", "wrong_scheme", "scheme \"Bearer\" is not \"JWT\"")]
    [TestCase("JWT abc", "malformed", "1 segment(s), a JWS has 3")]
    [TestCase("JWT eyJhbGciOiJub25lIn0.e30.", "unsigned", "alg \"none\" with a 0-character signature")]
    public async Task Refusal_names_its_kind_and_a_readable_detail(string? authorization, string kind, string detail)
    {
        using var mock = MockUnderTest.Start();

        using var response = await mock.RefreshAsync(authorization);
        var refusal = (await mock.LastEntryAsync()).GetProperty("refusal");

        Assert.Multiple(() =>
        {
            Assert.That(refusal.GetProperty("kind").GetString(), Is.EqualTo(kind));
            Assert.That(refusal.GetProperty("detail").GetString(), Does.Contain(detail));
        });
    }

    [Test]
    public async Task Neither_journal_nor_log_holds_a_whole_token_or_a_password()
    {
        var log = new ConcurrentQueue<string>();
        using var mock = MockUnderTest.Start(log: log.Enqueue);
        var secrets = new List<string> { TestUsers.Admin.Password, "Wr0ng-Secret!", MockUnderTest.Basic(TestUsers.Admin).Parameter! };

        var token = await mock.TokenAsync();
        using var wrong = await mock.AuthorizeAsync(TestUsers.Admin with { Password = "Wr0ng-Secret!" });
        using var refreshed = await mock.RefreshAsync($"JWT {token}");
        var issued = await refreshed.AccessTokenAsync();
        var forged = TokenForge.Valid(mock.Now, "1")[..^2] + "xx";
        using var refused = await mock.RefreshAsync($"JWT {forged}");
        using var fourSegments = await mock.RefreshAsync($"JWT {issued}.{issued.Split('.')[2]}");
        using var noScheme = await mock.RefreshAsync(issued);
        secrets.AddRange([token, issued, forged, token.Split('.')[2], issued.Split('.')[2], forged.Split('.')[2]]);

        var journal = (await mock.JournalAsync()).GetRawText();
        var lines = string.Join('\n', log);

        Assert.Multiple(() =>
        {
            Assert.That(log, Has.Count.EqualTo(6), "one log line per cluster API request");
            foreach (var secret in secrets)
            {
                Assert.That(journal, Does.Not.Contain(secret), "journal");
                Assert.That(lines, Does.Not.Contain(secret), "log");
            }

            Assert.That(journal, Does.Contain("redacted (43 characters)"));
        });
    }

    // A client that puts its token in the URL (GET /v1/users/<token>) must not find it in the log or the journal.
    [Test]
    public async Task A_token_in_the_path_is_described_not_echoed()
    {
        var log = new ConcurrentQueue<string>();
        using var mock = MockUnderTest.Start(log: log.Enqueue);
        var token = await mock.TokenAsync();

        using var read = await mock.GetUserAsync(token, null);
        using var post = await mock.Http.PostAsync($"/v1/users/{token}/more", null);
        var journal = await mock.JournalAsync();
        var paths = journal.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        var lines = string.Join('\n', log);
        var shown = $"/v1/users/\u00AB{token.Length} characters in 3 dot-separated parts\u00BB";

        Assert.Multiple(() =>
        {
            Assert.That(paths[^2..], Is.EqualTo(new[] { shown, shown + "/more" }));
            Assert.That(lines, Does.Contain(shown + " 401").And.Contain(shown + "/more 404"));
            AssertNoPieceOf(token.Split('.')[2], journal.GetRawText(), lines);
        });
    }

    // A client that swaps the fields of its credentials sends its password as the username: the refusal must not echo it.
    [TestCase(Fixtures.DefaultProfile)]
    [TestCase("rs-7.4")]
    public async Task Swapped_credentials_are_described_not_echoed(string profile)
    {
        var log = new ConcurrentQueue<string>();
        using var mock = MockUnderTest.Start(profile, log: log.Enqueue);

        using var swapped = await mock.AuthorizeAsync(new Credentials(TestUsers.Admin.Password, TestUsers.Admin.Email));
        var entry = await mock.LastEntryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(swapped.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(entry.GetProperty("user").ValueKind, Is.EqualTo(JsonValueKind.Null), "an unknown name is no user");
            Assert.That(entry.GetProperty("refusal").GetProperty("detail").GetString(), Is.EqualTo("unknown user, 9 characters, 1 outside base64url"));
            AssertNoPieceOf(TestUsers.Admin.Password, entry.GetRawText(), string.Join('\n', log));
        });
    }

    [Test]
    public async Task A_wrong_password_names_the_known_user_only()
    {
        var log = new ConcurrentQueue<string>();
        using var mock = MockUnderTest.Start(log: log.Enqueue);
        const string Guess = "Gu3ss-Secret!";

        using var wrong = await mock.AuthorizeAsync(TestUsers.Admin with { Password = Guess });
        var entry = await mock.LastEntryAsync();

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("user").GetString(), Is.EqualTo(TestUsers.Admin.Email));
            Assert.That(entry.GetProperty("refusal").GetProperty("detail").GetString(), Is.EqualTo($"wrong password for \"{TestUsers.Admin.Email}\""));
            AssertNoPieceOf(Guess, entry.GetRawText(), string.Join('\n', log));
        });
    }

    // Whatever follows the scheme word, or stands where it belongs, may be a secret: it is measured, never shown in part.
    [TestCase("JWT {0}", "not a decodable JWS (31 characters)")]
    [TestCase("JWT {0}.{0}", "not a decodable JWS (63 characters in 2 dot-separated parts)")]
    [TestCase("{0} JWT", "an unknown scheme word (31 characters)")]
    public async Task A_value_that_is_not_a_token_is_described_by_shape_and_length(string authorization, string described)
    {
        const string Secret = "S3cretApiKey-0123456789abcdefXY";
        var log = new ConcurrentQueue<string>();
        using var mock = MockUnderTest.Start(log: log.Enqueue);

        using var refused = await mock.RefreshAsync(authorization.Replace("{0}", Secret, StringComparison.Ordinal));
        var entry = (await mock.LastEntryAsync()).GetRawText();

        Assert.Multiple(() =>
        {
            Assert.That(entry + string.Join('\n', log), Does.Contain(described));
            AssertNoPieceOf(Secret, entry, string.Join('\n', log));
        });
    }

    [Test]
    public async Task Control_characters_in_a_claim_cannot_add_log_lines()
    {
        var log = new ConcurrentQueue<string>();
        using var mock = MockUnderTest.Start(log: log.Enqueue);
        var token = TokenForge.Sign("""{"alg":"HS256\nforged"}""", """{"exp":1,"uid":"1\n2026-11-26T04:00:00Z POST /v1/users/refresh_jwt 200"}""", "k"u8.ToArray());

        using var response = await mock.RefreshAsync($"JWT {token}");

        Assert.Multiple(() =>
        {
            Assert.That(log, Has.Count.EqualTo(1));
            Assert.That(log.Single(), Does.Not.Contain("\n").And.Not.Contain("\r").And.Contain("refused"));
        });
    }

    /// <summary>No five-character piece of <paramref name="secret"/> in any of <paramref name="texts"/>.</summary>
    private static void AssertNoPieceOf(string secret, params string[] texts)
    {
        for (var at = 0; at + 5 <= secret.Length; at++)
        {
            var piece = secret.Substring(at, 5);
            Assert.That(texts, Has.None.Contain(piece), $"a piece of the secret at character {at}");
        }
    }
}
