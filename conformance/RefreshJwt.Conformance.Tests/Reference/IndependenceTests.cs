using System.Reflection;
using System.Xml.Linq;
using RefreshJwt.ReferenceServers;

namespace RefreshJwt.Conformance.Tests.Reference;

/// <summary>
/// The reference servers share no code with what they check: their project references neither the mock nor the
/// suite, in the project file or in the compiled assembly (nor, through them, WireMock.Net or Playwright).
/// </summary>
public sealed class IndependenceTests
{
    private static readonly string[] ForbiddenAssemblies = ["RefreshJwt.MockServer", "RefreshJwt.Conformance", "WireMock", "Microsoft.Playwright"];
    private static readonly string[] ForbiddenProjects = ["mock-server", "RefreshJwt.Conformance/", "RefreshJwt.Conformance.csproj"];

    [Test]
    public void The_reference_servers_assembly_references_neither_the_mock_nor_the_suite()
    {
        Assert.That(ForbiddenReferences(typeof(ReferenceServer).Assembly), Is.Empty);
    }

    [Test]
    public void The_reference_servers_project_references_neither_the_mock_nor_the_suite()
    {
        Assert.That(ForbiddenProjectReferences(Project("RefreshJwt.ReferenceServers")), Is.Empty);
    }

    [Test]
    public void The_checks_see_a_project_that_does_reference_them()
    {
        // This test project references both, so both checks must name them here.
        Assert.That(ForbiddenReferences(typeof(IndependenceTests).Assembly), Does.Contain("RefreshJwt.MockServer").And.Contain("RefreshJwt.Conformance"));
        Assert.That(ForbiddenProjectReferences(Project("RefreshJwt.Conformance.Tests")), Has.Some.Contains("mock-server").And.Some.Contains("RefreshJwt.Conformance.csproj"));
    }

    private static List<string> ForbiddenReferences(Assembly assembly) => assembly.GetReferencedAssemblies()
        .Select(a => a.Name!)
        .Where(name => ForbiddenAssemblies.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)))
        .Where(name => name != assembly.GetName().Name)
        .ToList();

    private static List<string> ForbiddenProjectReferences(string projectFile) => XDocument.Load(projectFile).Descendants("ProjectReference")
        .Select(r => r.Attribute("Include")?.Value.Replace('\\', '/') ?? "")
        .Where(include => ForbiddenProjects.Any(f => include.Contains(f, StringComparison.Ordinal)))
        .ToList();

    private static string Project(string name)
    {
        var root = typeof(ReferenceServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        return Path.Combine(root, "conformance", name, name + ".csproj");
    }
}
