using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>The mock's journal next to WireMock.Net's own request log, in process, and the single-thread costs.</summary>
internal static class JournalBenchmark
{
    private const string SigningKey = Comparison.SigningKey;
    private const string RefreshJwtPath = Baselines.RefreshJwtPath;

    public static async Task RunAsync(BenchmarkOptions options)
    {
        // Single-thread costs first, while nothing else runs.
        var fixtures = Fixtures.Locate();
        var users = UserDirectory.Load(Fixtures.UsersPath(fixtures));
        var admin = users.FindByEmail("admin@example.com")!;
        var profile = MockProfile.Load(Fixtures.ProfilePath(fixtures, Fixtures.DefaultProfile));
        var clock = new MockClock();
        var tokens = new TokenService(Encoding.UTF8.GetBytes(SigningKey), profile, clock, users);
        var token = tokens.Issue(admin, 3600);
        var summary = TokenSummary.Describe(token);
        var journal = new RequestJournal(1000);
        for (var i = 0; i < journal.Capacity; i++)
        {
            journal.Append(DateTimeOffset.UtcNow, "POST", RefreshJwtPath, 200, admin.Email, null, summary, summary);
        }

        var micro = new List<MicroMeasure>
        {
            MicroMeasure.Of("RequestJournal.Append (full ring of 1000)", options.Appends, () => journal.Append(DateTimeOffset.UtcNow, "POST", RefreshJwtPath, 200, admin.Email, null, summary, summary)),
            MicroMeasure.Of("TokenService.Issue", options.TokenCalls, () => tokens.Issue(admin, 300)),
            MicroMeasure.Of("TokenService.CheckAsync (valid token)", options.TokenCalls, () => Valid(tokens.CheckAsync(token, exchanging: true).GetAwaiter().GetResult())),
            MicroMeasure.Of("TokenSummary.Describe", options.TokenCalls, () => TokenSummary.Describe(token)),
        };

        // Profiles with revokeOnRefresh keep every exchanged token until it expires; TryRetire must stay O(1) as they pile up.
        var revoking = new TokenService(Encoding.UTF8.GetBytes(SigningKey), profile with { RevokeOnRefresh = true }, clock, users);
        var expiry = clock.UnixSeconds + 3600;
        var retired = 0;
        foreach (var live in (int[])[10_000, 20_000])
        {
            while (retired < live)
            {
                revoking.TryRetire($"h.p.{retired++}", expiry);
            }

            micro.Add(MicroMeasure.Of($"TokenService.TryRetire, {live:N0} live revoked tokens (revokeOnRefresh only)", 100, () => revoking.TryRetire($"h.p.{retired++}", expiry)));
        }

        using var client = HttpLoad.NewClient(options.Workers);
        var runs = new List<LoadRun>
        {
            await WireMockAsync("WireMock.Net, default log", null),
            await WireMockAsync("WireMock.Net, MaxRequestLogCount = 1000", 1000),
            await WireMockAsync("WireMock.Net, log off (MaxRequestLogCount = 0)", 0),
            await MockAsync(1000),
            await MockAsync(100_000),
        };

        Report.Print(options, runs, micro);

        async Task<LoadRun> WireMockAsync(string name, int? maxRequestLogCount)
        {
            using var server = WireMockServer.Start(new WireMockServerSettings
            {
                Urls = ["http://127.0.0.1:0"],
                Logger = new WireMockNullLogger(),
                MaxRequestLogCount = maxRequestLogCount,
            });
            var answer = new BodyData { BodyAsString = $$"""{"access_token":"{{token}}"}""", DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 };
            server.Given(Request.Create().WithPath(RefreshJwtPath).UsingPost())
                .RespondWith(Response.Create().WithCallback(_ => new ResponseMessage { StatusCode = 200, BodyData = answer }));
            var result = await MeasureAsync(name, new Uri(server.Urls[0].TrimEnd('/') + RefreshJwtPath), token, options.BaselineRequests);
            return new LoadRun(name, result, $"{server.LogEntries.Count():N0} log entries");
        }

        async Task<LoadRun> MockAsync(int capacity)
        {
            var name = $"Mock, JournalCapacity = {capacity:N0}";
            using var host = MockServerHost.Start(new MockServerOptions { Port = 0, UseHttps = false, SigningKey = SigningKey, JournalCapacity = capacity });
            var issued = await AuthorizeAsync(host.BaseUrl);
            var result = await MeasureAsync(name, new Uri(host.BaseUrl + RefreshJwtPath), issued, options.Requests);
            var view = host.Journal.Read();
            return new LoadRun(name, result, $"journal: {view.Entries.Count:N0} kept, {view.Total:N0} total, {view.Evicted:N0} evicted");
        }

        async Task<LoadResult> MeasureAsync(string name, Uri refresh, string presented, int requests)
        {
            var load = new HttpLoad(client, () => Refresh(refresh, presented), options.Workers);
            await load.RunAsync(options.Warmup);
            var result = await load.MeasureAsync(requests, options.Segments);
            Console.Error.WriteLine($"{name}: {result.RequestsPerSecond:N0} req/s");
            return result;
        }

        async Task<string> AuthorizeAsync(string baseUrl)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/v1/users/authorize")
            {
                Content = new StringContent("""{"ttl": 3600}""", Encoding.UTF8, "application/json"),
                Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin@example.com:Passw0rd!"u8)) },
            };
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("access_token").GetString()!;
        }

        static HttpRequestMessage Refresh(Uri uri, string token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent("""{"ttl": 300}""", Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "JWT " + token);
            return request;
        }

        static void Valid(TokenCheck check)
        {
            if (!check.IsValid)
            {
                throw new InvalidOperationException($"the benchmark token was refused: {check.Refusal}");
            }
        }
    }
}
