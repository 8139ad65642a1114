using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RefreshJwt.MockServer;

/// <summary>
/// Kestrel reports a failed TLS handshake only to its logger, and the client sees an empty reply: this logger turns
/// that report, when the bytes were no TLS at all, into one line of the mock's log that says what to do.
/// </summary>
internal sealed class PlainHttpHint(Action<string> log) : ILoggerProvider, ILogger
{
    public const string Line = "a plain HTTP request reached the HTTPS port and got no answer: use https:// (curl -k for the self-signed certificate), or start the mock with --http";

    public static Action<object> Register(Action<string>? log) => services =>
    {
        if (log is not null)
        {
            var collection = (IServiceCollection)services;
            collection.AddSingleton<ILoggerProvider>(new PlainHttpHint(log));
            collection.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(typeof(PlainHttpHint).FullName, null, LogLevel.Debug, null)));
        }
    };

    public ILogger CreateLogger(string categoryName) =>
        categoryName.Contains("Https", StringComparison.Ordinal) ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // Bytes that are no TLS record ("cannot determine the frame size") are what a plain HTTP request sends.
        if (eventId.Name == "AuthenticationFailed" && exception?.Message.Contains("frame", StringComparison.OrdinalIgnoreCase) == true)
        {
            log(Line);
        }
    }

    public void Dispose()
    {
    }
}
