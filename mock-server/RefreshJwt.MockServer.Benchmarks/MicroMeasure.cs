using System.Diagnostics;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>The cost of one call on one thread: the median of several timed rounds, and the bytes it allocates.</summary>
internal sealed record MicroMeasure(string Name, int Calls, double NanosecondsPerCall, double BytesPerCall)
{
    private const int Rounds = 5;

    public static MicroMeasure Of(string name, int calls, Action call)
    {
        // One untimed round lets the JIT reach its final tier.
        Repeat(calls, call);

        var nanoseconds = new List<double>();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var r = 0; r < Rounds; r++)
        {
            var clock = Stopwatch.StartNew();
            Repeat(calls, call);
            nanoseconds.Add(clock.Elapsed.TotalNanoseconds / calls);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new MicroMeasure(name, calls, nanoseconds.Order().ElementAt(Rounds / 2), (double)allocated / (calls * Rounds));
    }

    private static void Repeat(int calls, Action call)
    {
        for (var i = 0; i < calls; i++)
        {
            call();
        }
    }
}
