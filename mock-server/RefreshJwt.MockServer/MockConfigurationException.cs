namespace RefreshJwt.MockServer;

/// <summary>A setting or fixture file the mock cannot use; its message is one line meant for a person.</summary>
public sealed class MockConfigurationException(string message) : Exception(message);
