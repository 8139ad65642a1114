namespace RefreshJwt.ReferenceServers;

/// <summary>How authorize reads credentials: a Basic header from RS 7.8.2 on, a JSON body in earlier releases.</summary>
public enum CredentialStyle
{
    Basic,
    JsonBody,
}
