using RefreshJwt.MockServer.Tests.Support;

namespace RefreshJwt.MockServer.Tests;

/// <summary>
/// Says, at the end of the run, how many of the mock's answers were checked against docs/openapi.yaml. A set-up fixture
/// holds every test of its namespace, so a filter matching its name runs them all: it is named to match no filter of a
/// test's.
/// </summary>
[SetUpFixture]
public sealed class ContractTally
{
    [OneTimeTearDown]
    public void Report() =>
        TestContext.Progress.WriteLine($"docs/openapi.yaml: {ContractCheckingHandler.Total} answers of the mock checked against it in this run");
}
