namespace RefreshJwt.ReferenceServers;

/// <summary>What happens to a ttl outside 1..86400 or not an integer (the docs give the range, not the answer).</summary>
public enum TtlHandling
{
    /// <summary>400 for anything but an integer from 1 to 86400.</summary>
    Refuse,

    /// <summary>Integers are clamped to 1..86400; anything else is refused with 400.</summary>
    Clamp,

    /// <summary>Numbers are truncated to integers (1.5 reads as 1), then held to 1..86400 like <see cref="Refuse"/>.</summary>
    TruncateFloats,

    /// <summary>Broken: any integer is taken as the lifetime, so ttl 86401 buys a token living 86401 s.</summary>
    Unchecked,

    /// <summary>Broken: a ttl outside the range throws, and the server answers 500.</summary>
    Throw,
}
