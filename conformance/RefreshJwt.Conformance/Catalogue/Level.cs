namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// How much a case's verdict weighs (h2spec, Autobahn and the OpenID suite draw the same lines); it follows the case's
/// <see cref="Basis"/>.
/// </summary>
public enum Level
{
    /// <summary>Documented by Redis, or a reading docs/contract.md lists with its reason: a failure fails the run.</summary>
    Must,

    /// <summary>JWT practice (RFC 7519, 7515, 7518, 8725, 9110): a failure warns, or fails with <c>--strict</c>.</summary>
    Should,

    /// <summary>The docs are silent: the case records what the target does and never fails.</summary>
    Info,
}
