using System.Collections.Concurrent;
using RefreshJwt.MockServer;

namespace RefreshJwt.Conformance.Tests.Power;

/// <summary>
/// A cluster's login lockout at its documented defaults, the strict way: a user who failed to log in
/// <see cref="Threshold"/> times is locked, and a successful login does not reset the count. A test lasts far less
/// than the 15-minute counting window and the 30-minute lockout, so here every failure counts and a lock never ends.
/// A failed login is an authorize whose credentials, read where the target reads them (its profile's Basic header or
/// JSON body), name an existing user with another password.
/// </summary>
public sealed class Lockout
{
    public const int Threshold = 5;

    private readonly ConcurrentDictionary<string, int> _failed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The failed logins this target counted for <paramref name="username"/>.</summary>
    public int FailedLogins(string username) => _failed.GetValueOrDefault(username);

    public bool IsLocked(string username) => FailedLogins(username) >= Threshold;

    /// <summary>The mock behind a proxy that counts failed logins and refuses a locked user whatever the password.</summary>
    public Deviation Deviation =>
        new($"locks a user after {Threshold} failed logins, success resetting nothing", [], Answer: RefuseLocked, Response: Count);

    private ProxyResponse? RefuseLocked(ProxyRequest request, Upstream upstream) =>
        request.IsAuthorize && Echoes.Credentials(request) is { } credentials && IsLocked(credentials.Username)
            ? new ProxyResponse(401, "application/json", "{\"error_code\":\"user_locked\",\"message\":\"The user is locked\"}")
            : null;

    private ProxyResponse Count(ProxyRequest request, ProxyResponse response, Upstream upstream)
    {
        if (request.IsAuthorize && response.Status == 401 && Echoes.Credentials(request) is { } credentials
            && Reads(upstream, request) && upstream.Mock.Users.FindByEmail(credentials.Username) is { } user
            && !user.PasswordMatches(credentials.Password))
        {
            _failed.AddOrUpdate(credentials.Username, 1, (_, count) => count + 1);
        }

        return response;
    }

    /// <summary>Whether the target reads the credentials where this request carries them: a 7.8 cluster ignores body credentials.</summary>
    private static bool Reads(Upstream upstream, ProxyRequest request) => upstream.Mock.Profile.AuthorizeCredentials.Contains(
        request.Authorization?.StartsWith("Basic ", StringComparison.Ordinal) == true ? CredentialSource.Basic : CredentialSource.Body);
}
