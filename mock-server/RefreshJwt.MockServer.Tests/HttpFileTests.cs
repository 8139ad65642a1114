using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary><c>mock-server/refresh-jwt-mock.http</c>, the editor's request file: every request in it is sent, in order, and answered with a 2xx.</summary>
public sealed partial class HttpFileTests
{
    [Test]
    public async Task Every_request_of_the_http_file_succeeds_in_order()
    {
        using var mock = MockUnderTest.Start();
        var text = await File.ReadAllTextAsync(Path.Combine(Fixtures.Locate(), "..", "mock-server", "refresh-jwt-mock.http"));
        var blocks = text.Replace("\r\n", "\n").Split("\n###");
        var variables = Variable().Matches(blocks[0]).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        variables["baseUrl"] = mock.Host.BaseUrl;
        var named = new Dictionary<string, JsonElement>();
        var sent = new List<string>();

        foreach (var block in blocks.Skip(1))
        {
            var lines = block.Split('\n').Skip(1).ToList();
            var name = lines.Select(l => NameLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var content = lines.SkipWhile(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#')).Select(l => Substitute(l, variables, named)).ToList();
            var requestLine = content[0].Split(' ', 2);
            var headers = content.Skip(1).TakeWhile(l => l.Trim().Length > 0).Select(l => l.Split(':', 2)).ToList();
            var body = string.Join('\n', content.Skip(1 + headers.Count)).Trim();

            using var request = new HttpRequestMessage(new HttpMethod(requestLine[0]), requestLine[1].Trim());
            foreach (var header in headers.Where(h => !h[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(header[0].Trim(), header[1].Trim());
            }

            if (body.Length > 0)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await mock.Http.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            sent.Add($"{requestLine[0]} {new Uri(requestLine[1].Trim()).AbsolutePath}");
            Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"{content[0]} answered {(int)response.StatusCode} {answer}");
            if (name is not null)
            {
                named[name] = JsonDocument.Parse(answer).RootElement.Clone();
            }
        }

        Assert.That(sent, Does.Contain("POST /v1/users/refresh_jwt").And.Contain("POST /__mock/faults").And.Contain("GET /__mock/client-report"));
    }

    private static string Substitute(string line, Dictionary<string, string> variables, Dictionary<string, JsonElement> named) =>
        Reference().Replace(line, m => m.Groups[2].Success
            ? named[m.Groups[1].Value].GetProperty(m.Groups[2].Value).GetString()!
            : variables[m.Groups[1].Value]);

    [GeneratedRegex(@"^@(\w+)\s*=(.*)$", RegexOptions.Multiline)]
    private static partial Regex Variable();

    [GeneratedRegex(@"^#\s*@name\s+(\w+)")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"\{\{(\w+)(?:\.response\.body\.\$\.(\w+))?\}\}")]
    private static partial Regex Reference();
}
