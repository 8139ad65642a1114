using System.Diagnostics;

namespace RefreshJwt.MockServer.Benchmarks;

/// <summary>What one load run measured: throughput and the retained managed heap, per segment of the run.</summary>
internal sealed record LoadResult(int Requests, double RequestsPerSecond, long HeapBefore, long HeapAfter, IReadOnlyList<double> SegmentRates, IReadOnlyList<long> SegmentHeaps)
{
    public long Growth => HeapAfter - HeapBefore;

    public double RetainedBytesPerRequest => (double)Growth / Requests;
}

/// <summary>One timed run: how long it took, each request's latency in Stopwatch ticks, how many failed.</summary>
internal sealed record TimedRun(int Requests, TimeSpan Elapsed, long[] Latencies, int Errors)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>The latency below which <paramref name="percent"/> of the requests fall, in milliseconds.</summary>
    public double Percentile(double percent)
    {
        var sorted = Latencies.Order().ToArray();
        var at = (int)Math.Ceiling(percent / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(at, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
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

    /// <summary>Sends <paramref name="count"/> requests, timing each; an answer other than 2xx or a failed request is an error.</summary>
    public async Task<TimedRun> RunTimedAsync(int count)
    {
        var latencies = new long[count];
        var next = -1;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var request = newRequest();
                    using var response = await client.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[i] = Stopwatch.GetTimestamp() - started;
            }
        })));
        return new TimedRun(count, clock.Elapsed, latencies, errors);
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
