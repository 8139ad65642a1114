namespace RefreshJwt.MockServer;

/// <summary>One request to the cluster API as the journal keeps it: never a password or a whole token.</summary>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    int Status,
    string? User,
    Refusal? Refusal,
    TokenSummary? PresentedToken,
    TokenSummary? IssuedToken,
    string? Fault = null);

/// <summary>
/// The last <c>capacity</c> requests in a ring buffer: appending is O(1) and memory stays flat however long the
/// mock runs. Evictions are counted, so a reader knows when the journal no longer holds every request.
/// </summary>
public sealed class RequestJournal
{
    private readonly JournalEntry?[] _ring;
    private readonly Lock _gate = new();
    private long _appended;

    public RequestJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new JournalEntry?[capacity];
    }

    public int Capacity => _ring.Length;

    public JournalEntry Append(DateTimeOffset time, string method, string path, int status, string? user, Refusal? refusal, TokenSummary? presented, TokenSummary? issued, string? fault = null)
    {
        lock (_gate)
        {
            var entry = new JournalEntry(++_appended, time, method, Shown(path), status, user, refusal, presented, issued, fault);
            _ring[(_appended - 1) % _ring.Length] = entry;
            return entry;
        }
    }

    /// <summary>
    /// A path as the journal and the log show it: a segment longer than any the API has (a token a client put in the
    /// URL, say) is described by its shape and length, never shown. The client still sees its path in a 404 or 405.
    /// </summary>
    internal static string Shown(string path)
    {
        if (path.Length <= LongestSegment)
        {
            return path;
        }

        var segments = path.Split('/');
        return segments.Any(s => s.Length > LongestSegment)
            ? string.Join('/', segments.Select(s => s.Length > LongestSegment ? $"«{TokenSummary.Shape(s)}»" : s))
            : path;
    }

    /// <summary>The longest path segment shown as it is: the API's own are far shorter.</summary>
    private const int LongestSegment = 32;

    /// <summary>The kept entries, oldest first, with how many were appended in all and how many were evicted.</summary>
    public JournalView Read()
    {
        lock (_gate)
        {
            var kept = (int)Math.Min(_appended, _ring.Length);
            var entries = new JournalEntry[kept];
            for (var i = 0; i < kept; i++)
            {
                entries[i] = _ring[(_appended - kept + i) % _ring.Length]!;
            }

            return new JournalView(_ring.Length, _appended, _appended - kept, entries);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_ring);
            _appended = 0;
        }
    }
}

public sealed record JournalView(int Capacity, long Total, long Evicted, IReadOnlyList<JournalEntry> Entries);
