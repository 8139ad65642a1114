namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// What a case's expectation rests on: whether a failure is a bug to file against Redis (documented), a server broken
/// for clients by the project's stated reading of the docs (reading), or a departure from JWT practice (practice).
/// </summary>
public enum Basis
{
    /// <summary>Written on a public Redis page: the case quotes it and names the page.</summary>
    Documented,

    /// <summary>The project's reading of the docs, stated with its reason in <c>docs/contract.md#readings</c>.</summary>
    Reading,

    /// <summary>An RFC or common practice: never more than a SHOULD.</summary>
    Practice,

    /// <summary>The docs leave it open: what the target does is recorded (INFO).</summary>
    Open,
}

/// <summary>A case's basis: its kind, the exact doc wording it quotes, and the readings it rests on.</summary>
public sealed record CaseBasis(Basis Kind, IReadOnlyList<string> Quotes, IReadOnlyList<Reading> Readings)
{
    /// <summary>
    /// One line for every report: <c>documented: "A new token is given."</c>,
    /// <c>reading: same user (docs/contract.md#reading-same-user)</c>.
    /// </summary>
    public string Text => Kind switch
    {
        Basis.Documented => "documented: " + string.Join(" / ", Quotes.Select(q => $"\"{q}\"")),
        Basis.Reading => "reading: " + string.Join("; ", Readings.Select(r => $"{ContractReadings.Of(r).Name} ({ContractReadings.Of(r).Anchor})")),
        Basis.Practice => "practice: an RFC or common practice (see the source)",
        _ => "open: the docs leave it open; what the target does is recorded",
    };

    /// <summary>
    /// Short, for a broken rule's message: <c>documented</c>, or
    /// <c>the project's reading: no 5xx (docs/contract.md#reading-no-5xx)</c>.
    /// </summary>
    public string RestsOn => Kind == Basis.Reading
        ? "the project's reading: " + string.Join("; ", Readings.Select(ContractReadings.Of).Select(r => $"{r.Name} ({r.Anchor})"))
        : Kind.ToString().ToLowerInvariant();

    /// <summary>What a failed case on a reading says first: the reading, then what the docs say, so no one files it as a documented bug.</summary>
    public string? FailurePreamble => Kind == Basis.Reading
        ? string.Join("\n", Readings.Select(ContractReadings.Of).Select(r => $"the project's reading: {r.Statement} ({r.Anchor}); the docs say: {r.DocsSay}"))
        : null;
}
