namespace RefreshJwt.ReferenceServers;

/// <summary>The JSON kind of the <c>uid</c> claim: the docs' example carries a string.</summary>
public enum UidKind
{
    Text,
    Number,
}
