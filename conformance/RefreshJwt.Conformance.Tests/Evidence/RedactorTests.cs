using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Tests.Evidence;

/// <summary>The redactor every output passes through: tokens described, passwords masked, whatever their shape.</summary>
public sealed class RedactorTests
{
    private const string Password = "Pa55+'w<rd>&é";

    private static readonly string Signature = new('s', 43);

    private static readonly string Token = string.Join('.', Encode("{\"alg\": \"HS256\", \"typ\": \"JWT\"}"), Encode("{\"iat\": 1, \"exp\": 301, \"uid\": \"1\"}"), Signature);

    // A signature that looks like a real one (no runs of one letter): a piece of it is never found by chance.
    private static readonly string RealSignature = Base64Url.EncodeToString(Enumerable.Range(0, 32).Select(i => (byte)(i * 73 + 41)).ToArray());

    private readonly Redactor _redactor = new([Password]);

    [TestCase("{\"access_token\":\"{0}\"}")]
    [TestCase("{\"access_token\": \"{0}\"}")]
    [TestCase("401 text/plain token {0} was refused")]
    public void A_token_becomes_its_header_and_claims(string template)
    {
        var redacted = _redactor.Redact(template.Replace("{0}", Token));

        Assert.That(redacted, Does.Contain("«JWT {\"alg\": \"HS256\", \"typ\": \"JWT\"} {\"iat\": 1, \"exp\": 301, \"uid\": \"1\"} signature: 43 characters»"));
        Assert.That(redacted, Does.Not.Contain(Signature).And.Not.Contain(Token));
    }

    [Test]
    public void Redacting_twice_changes_nothing_more()
    {
        var once = _redactor.Redact($"{{\"access_token\": \"{Token}\", \"password\": \"{Password}\"}}");

        Assert.That(_redactor.Redact(once), Is.EqualTo(once));
    }

    [Test]
    public void An_opaque_access_token_is_described_not_shown()
    {
        Assert.That(_redactor.Redact("{\"access_token\":\"opaque-0123456789abcdef\"}"), Is.EqualTo("{\"access_token\":\"«token-like text, 23 characters»\"}"));
    }

    [TestCase(Password)]
    [TestCase("Pa55\\u002B\\u0027w\\u003Crd\\u003E\\u0026\\u00E9")]
    [TestCase("Pa55%2B%27w%3Crd%3E%26%C3%A9")]
    public void A_password_is_masked_in_every_escaped_form(string form)
    {
        Assert.That(_redactor.Redact($"{{\"password\":\"{form}\"}}"), Is.EqualTo("{\"password\":\"«password»\"}"));
    }

    [TestCase("Basic YWRtaW46cGFzcw==", "Basic «credentials»")]
    [TestCase("JWT 0123456789abcdef0123", "JWT «20 characters»")]
    [TestCase("JWT not-a-token", "JWT «11 characters»")]
    [TestCase("JWT a.b*c", "JWT «5 characters in 2 dot-separated parts of 1 and 3, 1 of them outside base64url»")]
    [TestCase("JWT", "JWT")]
    [TestCase("JWT ", "JWT «empty»")]
    [TestCase("JWT    ", "JWT «blank, 3 characters»")]
    [TestCase("JWTnot-a-token", "«no scheme word: 14 characters»")]
    [TestCase("Passw0rd! JWT", "«no scheme word: 13 characters, 2 of them outside base64url»")]
    public void Credentials_after_a_scheme_are_described_never_shown(string authorization, string expected)
    {
        Assert.That(_redactor.RedactAuthorization(authorization), Is.EqualTo(expected));
    }

    [Test]
    public void A_well_formed_token_after_a_scheme_shows_its_header_and_claims_only()
    {
        Assert.That(_redactor.RedactAuthorization($"JWT {Token}"), Is.EqualTo($"JWT {Redactor.Describe(Token)}").And.Not.Contain(Signature[..12]));
    }

    // A character inserted into the payload can make the header and payload a token-shaped match
    // of their own, which must not leave the real signature shown after it.
    [TestCase("{0}.{1}*.{2}")]
    [TestCase("{0}==.{1}==.{2}=")]
    [TestCase("{0}.{1}.{2}.{1}.{2}")]
    [TestCase("{0}.{1}.{2}, JWT not-a-token")]
    [TestCase("{0}.{1}.!{2}")]
    public void Nothing_of_the_signature_survives_whatever_was_inserted(string shape)
    {
        var segments = Token.Split('.');
        var credentials = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, segments[0], segments[1], RealSignature);

        var redacted = _redactor.RedactAuthorization("JWT " + credentials);

        Assert.That(redacted, Does.StartWith("JWT «").And.Not.Contain(RealSignature[..Redactor.PieceLength]).And.Not.Contain(RealSignature[^Redactor.PieceLength..]));
    }

    [TestCase("the server said: bad token x{0}y")]
    [TestCase("{{\"error\":\"{1}{0}\"}}")]
    [TestCase("glued:{2}")]
    public void A_piece_of_an_issued_value_is_scrubbed_from_any_text_once_remembered(string template)
    {
        var redactor = new Redactor([]);
        var issued = $"{Token[..Token.LastIndexOf('.')]}.{RealSignature}";
        var altered = RealSignature[..20] + "*" + RealSignature[21..];
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, RealSignature, "prefix-", altered);
        Assert.That(redactor.Redact(text), Does.Contain(RealSignature[..Redactor.PieceLength]), "not remembered yet: nothing tells the signature from other text");

        redactor.RememberIssued($"{{\"access_token\":\"{issued}\"}}");

        var redacted = redactor.Redact(text);
        Assert.That(redacted, Does.Contain("«piece of an issued token, "));
        for (var start = 0; start + Redactor.PieceLength <= RealSignature.Length; start++)
        {
            Assert.That(redacted, Does.Not.Contain(RealSignature.Substring(start, Redactor.PieceLength)));
        }

        Assert.That(redactor.Redact(redacted), Is.EqualTo(redacted), "redacting twice changes nothing more");
    }

    [TestCase("echo: Basic {basic}")]
    [TestCase("{\"echo\":{bodyEscaped}}")]
    [TestCase("realm=\"{basicCut}\"")]
    [TestCase("password={url}&b64={base64}")]
    [TestCase("cut short: {cut}")]
    public void Credentials_registered_before_they_are_sent_come_back_in_no_echo(string template)
    {
        var redactor = new Redactor([]);
        var wrong = new Credentials("qa@example.com", Password + "-wrong");
        var basic = ClusterClient.Basic(wrong)["Basic ".Length..];
        var body = JsonSerializer.Serialize(new { username = wrong.Username, password = wrong.Password });
        var json = JsonSerializer.Serialize(wrong.Password)[1..^1];
        var echo = template.Replace("{basic}", basic, StringComparison.Ordinal).Replace("{bodyEscaped}", JsonSerializer.Serialize(body), StringComparison.Ordinal)
            .Replace("{basicCut}", basic[3..40], StringComparison.Ordinal).Replace("{url}", Uri.EscapeDataString(wrong.Password), StringComparison.Ordinal)
            .Replace("{base64}", Convert.ToBase64String(Encoding.UTF8.GetBytes(wrong.Password)), StringComparison.Ordinal)
            .Replace("{cut}", wrong.Password[5..], StringComparison.Ordinal);

        redactor.RememberSent(wrong);

        var redacted = redactor.Redact(echo);
        string[] forms = [wrong.Password, json, JsonSerializer.Serialize(json)[1..^1], basic];
        var pieces = forms.SelectMany(f => Enumerable.Range(0, f.Length - Redactor.PieceLength + 1).Select(at => f.Substring(at, Redactor.PieceLength)));
        Assert.That(pieces.Where(p => redacted.Contains(p, StringComparison.Ordinal)), Is.Empty, redacted);
        Assert.That(redacted, Does.Not.Contain(wrong.Password[^Redactor.PieceLength..]));
    }

    [Test]
    public void Control_characters_cannot_reach_a_terminal_or_the_xml_report()
    {
        Assert.That(_redactor.Redact("a\u001b[31mred\u0000\r\nline\tend"), Is.EqualTo("a?[31mred??\nline\tend"));
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
