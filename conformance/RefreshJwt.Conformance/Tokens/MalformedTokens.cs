using System.Buffers.Text;

namespace RefreshJwt.Conformance.Tokens;

/// <summary>
/// Seeded mutations of a valid token for case F01: the same seed gives the same recipes, so a failure can be
/// replayed with <c>--seed</c>. No mutation can leave a valid token behind: every one changes the signed text, or
/// the signature outside its last character (whose spare bits lenient decoders ignore).
/// </summary>
public static class MalformedTokens
{
    private const string Inserted = "!~%.$*+/=-_aZ9";

    public static IReadOnlyList<(string Recipe, string Token)> Generate(DecodedToken token, int seed, int count)
    {
        var random = new Random(seed);
        var raw = token.Raw;
        var signedLength = raw.LastIndexOf('.');
        var mutations = new Func<(string, string)>[]
        {
            () => Replace(raw, random.Next(signedLength), random),
            () => Delete(raw, random.Next(1, raw.Length - 1)),
            () => Insert(raw, random.Next(1, raw.Length - 1), Inserted[random.Next(Inserted.Length)]),
            () => ($"truncated to {random.Next(1, signedLength)} characters", raw[..random.Next(1, signedLength)]),
            () => ("header and payload swapped", $"{token.PayloadSegment}.{token.HeaderSegment}.{token.SignatureSegment}"),
            () => RandomSegments(random),
        };
        return Enumerable.Range(0, count).Select(_ => mutations[random.Next(mutations.Length)]()).ToList();
    }

    private static (string, string) Replace(string raw, int at, Random random)
    {
        var replacement = raw[at] == 'A' ? 'B' : 'A';
        if (raw[at] == '.')
        {
            replacement = '_';
        }

        return ($"character {at} replaced", raw[..at] + replacement + raw[(at + 1)..]);
    }

    private static (string, string) Delete(string raw, int at) => ($"character {at} deleted", raw.Remove(at, 1));

    private static (string, string) Insert(string raw, int at, char c) => ($"\"{c}\" inserted at {at}", raw.Insert(at, c.ToString()));

    private static (string, string) RandomSegments(Random random)
    {
        var segments = random.Next(1, 6);
        var parts = Enumerable.Range(0, segments).Select(_ =>
        {
            var bytes = new byte[random.Next(0, 48)];
            random.NextBytes(bytes);
            return Base64Url.EncodeToString(bytes);
        });
        return ($"{segments} random base64url segment(s)", string.Join('.', parts));
    }
}
