namespace RefreshJwt.Conformance.Target;

/// <summary>The target cannot be tested: unreachable, TLS refused, or credentials refused. One line, for a person.</summary>
public sealed class TargetUnavailableException(string message) : Exception(message);
