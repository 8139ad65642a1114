using System.Buffers.Text;
using System.Text;
using RefreshJwt.Conformance.Evidence;

namespace RefreshJwt.Conformance.Tests.Evidence;

/// <summary>The redactor every output passes through: tokens described, passwords masked, whatever their shape.</summary>
public sealed class RedactorTests
{
    private const string Password = "Pa55+'w<rd>&é";

    private static readonly string Signature = new('s', 43);

    private static readonly string Token = string.Join('.', Encode("{\"alg\": \"HS256\", \"typ\": \"JWT\"}"), Encode("{\"iat\": 1, \"exp\": 301, \"uid\": \"1\"}"), Signature);

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
    [TestCase("JWT 0123456789abcdef0123", "JWT «token-like text, 20 characters»")]
    [TestCase("JWT not-a-token", "JWT not-a-token")]
    [TestCase("JWT    ", "JWT    ")]
    public void Credentials_after_a_scheme_are_described(string authorization, string expected)
    {
        Assert.That(_redactor.RedactAuthorization(authorization), Is.EqualTo(expected));
    }

    [Test]
    public void Control_characters_cannot_reach_a_terminal_or_the_xml_report()
    {
        Assert.That(_redactor.Redact("a\u001b[31mred\u0000\r\nline\tend"), Is.EqualTo("a?[31mred??\nline\tend"));
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
