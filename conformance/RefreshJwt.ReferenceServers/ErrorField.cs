namespace RefreshJwt.ReferenceServers;

/// <summary>Where a refusal explains itself: the users pages speak of <c>message</c>, the OpenAPI document of <c>description</c>.</summary>
public enum ErrorField
{
    Message,
    Description,

    /// <summary>No body at all, and no content type.</summary>
    EmptyBody,
}
