using System.Net;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary><c>docs/openapi.yaml</c> read with Microsoft.OpenApi: what it describes, the copy the mock serves, and its judge's teeth.</summary>
public sealed class OpenApiDocumentTests
{
    [Test]
    public void The_document_parses_as_OpenAPI_3_1_without_errors_and_describes_the_three_endpoints()
    {
        var contract = OpenApiContract.Docs;
        var document = contract.Document;
        Assert.Multiple(() =>
        {
            Assert.That(contract.Diagnostic.Errors, Is.Empty, string.Join('\n', contract.Diagnostic.Errors));
            Assert.That(contract.Diagnostic.Warnings, Is.Empty, string.Join('\n', contract.Diagnostic.Warnings));
            Assert.That(contract.Diagnostic.SpecificationVersion, Is.EqualTo(OpenApiSpecVersion.OpenApi3_1));
            Assert.That(document.Paths.Keys, Is.EquivalentTo(new[] { "/v1/users/authorize", "/v1/users/refresh_jwt", "/v1/users/{uid}" }));
            Assert.That(Operation(document, "/v1/users/authorize", "POST").Responses!.Keys, Is.SupersetOf(new[] { "200", "400", "401" }));
            Assert.That(Operation(document, "/v1/users/refresh_jwt", "POST").Responses!.Keys, Is.SupersetOf(new[] { "200", "401" }));
            Assert.That(Operation(document, "/v1/users/{uid}", "GET").Responses!.Keys, Is.SupersetOf(new[] { "200", "401", "404" }));
        });
    }

    [Test]
    public void The_JWT_scheme_is_the_Authorization_header_and_ttl_is_an_integer_from_1_to_86400()
    {
        var components = OpenApiContract.Docs.Document.Components!;
        var jwt = components.SecuritySchemes!["jwt"];
        var basic = components.SecuritySchemes["basic"];
        var ttl = components.Schemas!["Ttl"];
        Assert.Multiple(() =>
        {
            Assert.That((jwt.Type, jwt.In, jwt.Name), Is.EqualTo((SecuritySchemeType.ApiKey, ParameterLocation.Header, "Authorization")));
            Assert.That(jwt.Description, Does.Contain("`Authorization: JWT <token>`"));
            Assert.That((basic.Type, basic.Scheme), Is.EqualTo((SecuritySchemeType.Http, "basic")));
            Assert.That((ttl.Type, ttl.Minimum, ttl.Maximum, ttl.Default?.ToJsonString()), Is.EqualTo((JsonSchemaType.Integer, "1", "86400", "300")));
            var refresh = Operation(OpenApiContract.Docs.Document, "/v1/users/refresh_jwt", "POST");
            Assert.That(refresh.Security!.Single().Keys.Single().Reference.Id, Is.EqualTo("jwt"));
        });
    }

    [Test]
    public async Task The_mock_serves_the_document_in_docs_as_it_stands()
    {
        using var mock = MockUnderTest.Start();
        using var response = await mock.Http.GetAsync(OpenApiDescription.Path);
        var served = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/yaml"));
            Assert.That(served, Is.EqualTo(File.ReadAllText(OpenApiContract.DocumentPath)), "the mock's copy differs from docs/: rebuild it");
        });
    }

    [Test]
    public void The_judge_passes_a_faithful_answer()
    {
        Assert.That(OpenApiContract.Docs.Check(Good), Is.Empty);
    }

    /// <summary>Answers that break the document in one way each (JSON with ' for "): every one must be caught, or the check proves nothing.</summary>
    [TestCase("authorize: no access_token", "POST /v1/users/authorize", 200, "{'token': 'a.b.c'}")]
    [TestCase("authorize: access_token not a JWS", "POST /v1/users/authorize", 200, "{'access_token': 'not-a-jwt'}")]
    [TestCase("authorize: access_token a number", "POST /v1/users/authorize", 200, "{'access_token': 7}")]
    [TestCase("authorize: a status it does not declare", "POST /v1/users/authorize", 403, "{'error_code': 'unauthorized', 'message': 'm'}")]
    [TestCase("refresh: 404 is not declared", "POST /v1/users/refresh_jwt", 404, "{'error_code': 'not_found', 'message': 'm'}")]
    [TestCase("refresh: error_code outside x-mock-error-codes", "POST /v1/users/refresh_jwt", 401, "{'error_code': 'expired', 'message': 'm'}")]
    [TestCase("refresh: neither message nor description", "POST /v1/users/refresh_jwt", 401, "{'error_code': 'unauthorized'}")]
    [TestCase("refresh: message and description", "POST /v1/users/refresh_jwt", 401, "{'error_code': 'x', 'message': 'm', 'description': 'd'}")]
    [TestCase("refresh: an empty message", "POST /v1/users/refresh_jwt", 401, "{'error_code': 'unauthorized', 'message': ''}")]
    [TestCase("refresh: no body where one is declared", "POST /v1/users/refresh_jwt", 401, "")]
    [TestCase("refresh: a body that is not JSON", "POST /v1/users/refresh_jwt", 400, "invalid ttl")]
    [TestCase("user: a 404 with the code of an unknown path", "GET /v1/users/9", 404, "{'error_code': 'not_found', 'message': 'm'}")]
    [TestCase("unknown path: another status than 404", "GET /v1/bdbs", 401, "{'error_code': 'not_found', 'message': 'm'}")]
    [TestCase("unknown path: another error_code", "GET /v1/bdbs", 404, "{'error_code': 'user_not_exist', 'message': 'm'}")]
    [TestCase("431: a body where none is declared", "GET /v1/users/1", 431, "{'error_code': 'x', 'message': 'm'}")]
    public void The_judge_catches_an_answer_that_breaks_the_document(string why, string request, int status, string body)
    {
        var (method, path) = (request.Split(' ')[0], request.Split(' ')[1]);
        var answer = Good with { Method = method, Path = path, Status = status, Body = body.Replace('\'', '"') };
        Assert.That(OpenApiContract.Docs.Check(answer), Is.Not.Empty, why);
    }

    /// <summary>A user object with one field changed (or, for null, removed) from a faithful one.</summary>
    [TestCase("status", "\"gone\"")]
    [TestCase("uid", "0")]
    [TestCase("uid", "\"1\"")]
    [TestCase("email", "7")]
    [TestCase("name", null)]
    [TestCase("auth_method", null)]
    public void The_judge_catches_a_user_object_that_breaks_the_document(string field, string? value)
    {
        var user = JsonNode.Parse("""
            {"uid": 1, "email": "a@b", "name": "A", "role": "admin", "status": "active", "auth_method": "regular"}
            """)!.AsObject();
        var answer = Good with { Method = "GET", Path = "/v1/users/1" };
        Assert.That(OpenApiContract.Docs.Check(answer with { Body = user.ToJsonString() }), Is.Empty, "the faithful user object");
        if (value is null)
        {
            user.Remove(field);
        }
        else
        {
            user[field] = JsonNode.Parse(value);
        }

        Assert.That(OpenApiContract.Docs.Check(answer with { Body = user.ToJsonString() }), Is.Not.Empty);
    }

    [Test]
    public void The_judge_catches_a_405_without_Allow_and_a_200_of_another_content_type()
    {
        var notAllowed = Good with { Method = "GET", Status = 405, Body = """{"error_code": "method_not_allowed", "message": "m"}""" };
        Assert.Multiple(() =>
        {
            Assert.That(OpenApiContract.Docs.Check(notAllowed with { Headers = ["Allow"] }), Is.Empty);
            Assert.That(OpenApiContract.Docs.Check(notAllowed), Has.Some.Contains("Allow"));
            Assert.That(OpenApiContract.Docs.Check(Good with { MediaType = "text/plain" }), Has.Some.Contains("content type"));
        });
    }

    /// <summary>The check inside the mock's tests has teeth: a mock answering 403 to an expired password (a cluster may) is caught.</summary>
    [Test]
    public async Task The_check_on_the_mocks_tests_reports_an_answer_the_document_does_not_describe()
    {
        using var mock = MockUnderTest.Start(adjust: p => p with { PasswordExpiredStatus = 403 });
        var reported = new List<string>();
        using var http = new HttpClient(new ContractCheckingHandler(enabled: true, reported.Add)) { BaseAddress = new Uri(mock.Host.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/users/authorize");
        request.Headers.Authorization = MockUnderTest.Basic(TestUsers.Expired);
        using var response = await http.SendAsync(request);

        Assert.That(reported, Has.One.Contains("POST /v1/users/authorize does not declare status 403"));
    }

    private static readonly Answer Good = new("POST", "/v1/users/authorize", 200, "application/json", [], """{"access_token": "eyJh.eyJp.c2ln"}""");

    private static OpenApiOperation Operation(OpenApiDocument document, string path, string method) =>
        document.Paths[path].Operations!.Single(o => o.Key.Method == method).Value;
}
