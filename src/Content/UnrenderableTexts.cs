using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Blog.Content;

/// <summary>
/// Texts that lately could not be rendered (too complex for the time limit, or nested too deeply),
/// with the reason. One save asks for the same text several times (import: the title, the image
/// links, the render; the editor: the save, then the page after it), and each would spend the
/// whole time limit again: this answers the repeats at once. Forgotten soon, since a busy machine
/// (or one just started, whose code is not optimised yet) may be what made a render slow, and the
/// author's next save should try again.
/// </summary>
internal sealed class UnrenderableTexts
{
    private const int Capacity = 32;
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    private readonly Dictionary<UInt128, (string Error, long Until)> _texts = [];

    /// <summary>Why the text could not be rendered, when that happened lately; otherwise null.</summary>
    public string? ErrorOf(string text)
    {
        var key = Key(text);
        lock (_texts)
            return _texts.TryGetValue(key, out var entry) && Environment.TickCount64 < entry.Until ? entry.Error : null;
    }

    public void Add(string text, string error)
    {
        var key = Key(text);
        var now = Environment.TickCount64;
        lock (_texts)
        {
            if (_texts.Count >= Capacity)
            {
                foreach (var (old, entry) in _texts.ToList())
                {
                    if (entry.Until <= now)
                        _texts.Remove(old);
                }
                if (_texts.Count >= Capacity)
                    _texts.Clear();
            }
            _texts[key] = (error, now + (long)RememberFor.TotalMilliseconds);
        }
    }

    // A digest rather than the text: the texts in question run to megabytes.
    private static UInt128 Key(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan()), hash);
        return MemoryMarshal.Read<UInt128>(hash);
    }
}
