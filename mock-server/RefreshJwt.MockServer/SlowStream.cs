namespace RefreshJwt.MockServer;

/// <summary>A response body sent in ten pieces spread over a given time, the headers first.</summary>
internal sealed class SlowStream(Stream inner, TimeSpan over, CancellationToken aborted) : Stream
{
    private const int Pieces = 10;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.FlushAsync(cancellationToken);
        var piece = Math.Max(1, (buffer.Length + Pieces - 1) / Pieces);
        for (var offset = 0; offset < buffer.Length; offset += piece)
        {
            await Task.Delay(over / Pieces, aborted);
            await inner.WriteAsync(buffer.Slice(offset, Math.Min(piece, buffer.Length - offset)), cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
