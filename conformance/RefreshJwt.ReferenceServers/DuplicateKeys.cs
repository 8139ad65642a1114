namespace RefreshJwt.ReferenceServers;

/// <summary>What a JSON object naming one member twice means (RFC 7519 §4 lets a parser reject it or take the last).</summary>
public enum DuplicateKeys
{
    Reject,
    LastWins,
}
