namespace RefreshJwt.Conformance.Target;

/// <summary>
/// Reads an answer's body without ever holding more than <see cref="HttpTransport.MaxAnswerBytes"/> of it: a body
/// that goes on past the cap (a huge or endless one) is cut there and only its first bytes are kept.
/// </summary>
internal static class AnswerBody
{
    /// <summary>What evidence keeps of an answer larger than the cap.</summary>
    public const int KeptOfTooLarge = 4096;

    public static async Task<(byte[] Bytes, bool TooLarge)> ReadAsync(Stream body, int cap, CancellationToken cancel)
    {
        var buffer = new byte[Math.Min(cap + 1, 16 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > cap)
                {
                    return (buffer[..Math.Min(KeptOfTooLarge, length)], true);
                }

                Array.Resize(ref buffer, Math.Min(cap + 1, buffer.Length * 2));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancel);
            if (read == 0)
            {
                return (buffer[..length], false);
            }

            length += read;
        }
    }
}
