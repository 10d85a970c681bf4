namespace Blog.Tests.Security;

/// <summary>
/// The XSS corpus (xss-payloads.txt beside this file, copied next to the test assemblies), shared
/// by the integration and the browser tests.
/// </summary>
public static class XssPayloads
{
    private static readonly Dictionary<string, string> Tokens = new()
    {
        ["{TAB}"] = "\t", ["{LF}"] = "\n", ["{CR}"] = "\r", ["{FF}"] = "\f",
        ["{SOH}"] = "\u0001", ["{NBSP}"] = "\u00A0", ["{ZWSP}"] = "\u200B",
    };

    public static readonly IReadOnlyList<string> All = Load();

    private static List<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "xss-payloads.txt");
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith(";;", StringComparison.Ordinal))
            .Select(line => Tokens.Aggregate(line, (text, token) => text.Replace(token.Key, token.Value)))
            .ToList();
    }

    /// <summary>The payloads in groups whose joined length stays within <paramref name="maxLength"/>, for fields that hold several.</summary>
    public static IEnumerable<List<string>> Packed(int maxLength, string separator = " ")
    {
        var group = new List<string>();
        var length = 0;
        foreach (var payload in All.Select(p => p.Length > maxLength ? p[..maxLength] : p))
        {
            if (group.Count > 0 && length + separator.Length + payload.Length > maxLength)
            {
                yield return group;
                group = [];
                length = 0;
            }
            length += (group.Count > 0 ? separator.Length : 0) + payload.Length;
            group.Add(payload);
        }
        if (group.Count > 0)
            yield return group;
    }
}
