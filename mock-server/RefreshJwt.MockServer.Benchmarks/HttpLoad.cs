using System.Diagnostics;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>What one load run measured: throughput and the retained managed heap, per segment of the run.</summary>
internal sealed record LoadResult(int Requests, double RequestsPerSecond, long HeapBefore, long HeapAfter, IReadOnlyList<double> SegmentRates, IReadOnlyList<long> SegmentHeaps)
{
    public long Growth => HeapAfter - HeapBefore;

    public double RetainedBytesPerRequest => (double)Growth / Requests;
}

/// <summary>
/// Concurrent workers sending one kind of request over one shared client, as fast as the server answers.
/// Between segments the load stops and the heap is weighed after a full collection, so what is counted is
/// what the server keeps, not what it allocates and drops.
/// </summary>
internal sealed class HttpLoad(HttpClient client, Func<HttpRequestMessage> newRequest, int workers)
{
    public static HttpClient NewClient(int workers) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = workers,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
    });

    /// <summary>Live managed bytes after a full, compacting, blocking collection.</summary>
    public static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public async Task<LoadResult> MeasureAsync(int requests, int segments)
    {
        var heapBefore = Heap();
        var rates = new List<double>();
        var heaps = new List<long>();
        var busy = TimeSpan.Zero;
        for (var s = 0; s < segments; s++)
        {
            var count = requests / segments + (s < requests % segments ? 1 : 0);
            var elapsed = await RunAsync(count);
            busy += elapsed;
            rates.Add(count / elapsed.TotalSeconds);
            heaps.Add(Heap());
        }

        return new LoadResult(requests, requests / busy.TotalSeconds, heapBefore, heaps[^1], rates, heaps);
    }

    /// <summary>Sends <paramref name="count"/> requests; every answer must be a 2xx.</summary>
    public async Task<TimeSpan> RunAsync(int count)
    {
        var remaining = count;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                using var request = newRequest();
                using var response = await client.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
        return clock.Elapsed;
    }
}
