using System.Globalization;
using System.Text;

namespace RefreshJwt.MockServer;

/// <summary>A setting or fixture file the mock cannot use; its message is one line meant for a person.</summary>
public sealed class MockConfigurationException(string message) : Exception(OneLine(message))
{
    /// <summary>
    /// The text with every control character escaped (<c>\n</c>, <c>\u001b</c>): a name or path quoted from the command
    /// line or a file cannot start a second line or move the terminal's cursor.
    /// </summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var line = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return line.ToString();
    }
}
