using System.Collections.Concurrent;
using CsCheck;

namespace RefreshJwt.MockServer.Tests.Support;

/// <summary>
/// Runs a CsCheck generator from a fixed seed, so every run tries the same inputs (CsCheck's own Sample seeds only its
/// first iteration). A property returns null when it holds, else what went wrong. A failure names the case's CsCheck
/// seed, which <c>gen.Sample(..., seed: "...")</c> replays, and the simpler example CsCheck shrinks it to.
/// </summary>
internal static class Deterministic
{
    public static void ForAll<T>(Gen<T> gen, ulong seed, int count, Func<T, string?> property)
    {
        foreach (var (index, caseSeed, value) in Cases(gen, seed, count))
        {
            if (property(value) is { } problem)
            {
                var shrunk = Shrink(() => gen.Sample(t => Throw(property(t)), seed: caseSeed, iter: 2000, threads: 1));
                Assert.Fail(Report(seed, count, index, caseSeed, value, problem, shrunk));
            }
        }
    }

    public static async Task ForAllAsync<T>(Gen<T> gen, ulong seed, int count, int parallelism, Func<T, Task<string?>> property)
    {
        var failures = new ConcurrentBag<(int Index, string Seed, T Value, string Problem)>();
        await Parallel.ForEachAsync(Cases(gen, seed, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (c, _) =>
        {
            if (await property(c.Value) is { } problem)
            {
                failures.Add((c.Index, c.Seed, c.Value, problem));
            }
        });

        if (!failures.IsEmpty)
        {
            var first = failures.MinBy(f => f.Index);
            var shrunk = Shrink(() => gen.SampleAsync(async t => Throw(await property(t)), seed: first.Seed, iter: 200, threads: 1).GetAwaiter().GetResult());
            Assert.Fail($"{failures.Count} of {count} cases failed. " + Report(seed, count, first.Index, first.Seed, first.Value, first.Problem, shrunk));
        }
    }

    private static IEnumerable<(int Index, string Seed, T Value)> Cases<T>(Gen<T> gen, ulong seed, int count)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var caseSeed = pcg.ToString();
            yield return (i, caseSeed, gen.Generate(pcg, null!, out _));
        }
    }

    private static void Throw(string? problem)
    {
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static string Shrink(Action sample)
    {
        try
        {
            sample();
            return "CsCheck could not reproduce it from the seed";
        }
        catch (CsCheckException e)
        {
            return e.Message;
        }
    }

    private static string Report<T>(ulong seed, int count, int index, string caseSeed, T value, string problem, string shrunk) =>
        $"""
        Case {index} of {count} from run seed {seed} failed: {problem}
        Input: {Check.Print(value)}
        Replay it alone with CsCheck seed "{caseSeed}". Shrinking from there: {shrunk}
        """;
}
