namespace RefreshJwt.Conformance.Catalogue;

/// <summary>A case's conformance verdict, before any snapshot comparison.</summary>
public enum Verdict
{
    /// <summary>A MUST or SHOULD case whose expectation held.</summary>
    Pass,

    /// <summary>A MUST case that failed, or a SHOULD case under <c>--strict</c>, or a harness error.</summary>
    Fail,

    /// <summary>A SHOULD case that failed without <c>--strict</c>.</summary>
    Warn,

    /// <summary>An INFO case: what the target does was recorded.</summary>
    Info,

    /// <summary>The case cannot run against this target (it lacks a user, a capability or a key).</summary>
    Skip,
}
