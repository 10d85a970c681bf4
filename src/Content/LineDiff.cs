namespace Blog.Content;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>One line of a diff, with its line number in the old and/or the new text (1-based).</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldNumber, int? NewNumber);

/// <summary>A run of changed lines with a few unchanged lines around it; <see cref="SkippedBefore"/> unchanged lines precede it.</summary>
public sealed record DiffHunk(int SkippedBefore, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// A line diff (Myers' O((N+M)·D) algorithm) for the editor's conflict message and the revision
/// view. Notes can be 2 MB long, so the common head and tail are trimmed first, and past
/// <see cref="MaxEdits"/> differences the middle is shown as removed-then-added instead of
/// spending seconds and memory on the shortest script.
/// </summary>
public static class LineDiff
{
    public const int MaxEdits = 2000;

    public static IReadOnlyList<DiffLine> Compute(string oldText, string newText)
    {
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        var ids = Intern(a, b);
        var aIds = ids[..a.Length];
        var bIds = ids[a.Length..];

        var head = 0;
        while (head < a.Length && head < b.Length && aIds[head] == bIds[head])
            head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && aIds[a.Length - 1 - tail] == bIds[b.Length - 1 - tail])
            tail++;

        var result = new List<DiffLine>(Math.Max(a.Length, b.Length) + 8);
        for (var i = 0; i < head; i++)
            result.Add(new DiffLine(DiffKind.Same, a[i], i + 1, i + 1));

        var middleA = aIds[head..(a.Length - tail)];
        var middleB = bIds[head..(b.Length - tail)];
        var script = Myers(middleA, middleB, MaxEdits) ?? Replace(middleA.Length, middleB.Length);
        foreach (var (kind, x, y) in script)
        {
            result.Add(kind switch
            {
                DiffKind.Same => new DiffLine(kind, a[head + x], head + x + 1, head + y + 1),
                DiffKind.Removed => new DiffLine(kind, a[head + x], head + x + 1, null),
                _ => new DiffLine(kind, b[head + y], null, head + y + 1),
            });
        }

        for (var i = tail; i > 0; i--)
            result.Add(new DiffLine(DiffKind.Same, a[a.Length - i], a.Length - i + 1, b.Length - i + 1));
        return result;
    }

    /// <summary>Groups the changed lines with <paramref name="context"/> unchanged lines around each group.</summary>
    public static IReadOnlyList<DiffHunk> Hunks(IReadOnlyList<DiffLine> diff, int context = 3)
    {
        var hunks = new List<DiffHunk>();
        var keep = new bool[diff.Count];
        for (var i = 0; i < diff.Count; i++)
        {
            if (diff[i].Kind == DiffKind.Same)
                continue;
            for (var j = Math.Max(0, i - context); j <= Math.Min(diff.Count - 1, i + context); j++)
                keep[j] = true;
        }

        var skipped = 0;
        List<DiffLine>? current = null;
        for (var i = 0; i < diff.Count; i++)
        {
            if (!keep[i])
            {
                current = null;
                skipped++;
                continue;
            }
            if (current is null)
            {
                current = [];
                hunks.Add(new DiffHunk(skipped, current));
                skipped = 0;
            }
            current.Add(diff[i]);
        }
        return hunks;
    }

    public static string[] SplitLines(string text)
    {
        if (text.Length == 0)
            return [];
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        // A final newline ends the last line rather than starting an empty one.
        return text.EndsWith('\n') || text.EndsWith('\r') ? lines[..^1] : lines;
    }

    /// <summary>Gives equal lines equal numbers, so the algorithm compares ints instead of strings.</summary>
    private static int[] Intern(string[] a, string[] b)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new int[a.Length + b.Length];
        var i = 0;
        foreach (var line in a.Concat(b))
        {
            if (!map.TryGetValue(line, out var id))
                map[line] = id = map.Count;
            ids[i++] = id;
        }
        return ids;
    }

    private static List<(DiffKind, int, int)> Replace(int n, int m)
    {
        var script = new List<(DiffKind, int, int)>(n + m);
        for (var x = 0; x < n; x++)
            script.Add((DiffKind.Removed, x, 0));
        for (var y = 0; y < m; y++)
            script.Add((DiffKind.Added, 0, y));
        return script;
    }

    /// <summary>The shortest edit script from a to b, or null when it needs more than maxEdits edits.</summary>
    private static List<(DiffKind, int, int)>? Myers(int[] a, int[] b, int maxEdits)
    {
        int n = a.Length, m = b.Length, max = n + m;
        var v = new int[2 * max + 3];
        var offset = max + 1;
        // trace[d] holds v as it was before round d, for k in [-d-1, d+1], to walk back the path.
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            if (d > maxEdits)
                return null;
            var snapshot = new int[2 * d + 3];
            Array.Copy(v, offset - d - 1, snapshot, 0, snapshot.Length);
            trace.Add(snapshot);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1]
                    : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                    return Backtrack(trace, n, m);
            }
        }
        return null; // unreachable: d = n + m always reaches the end
    }

    private static List<(DiffKind, int, int)> Backtrack(List<int[]> trace, int n, int m)
    {
        var script = new List<(DiffKind, int, int)>();
        int x = n, y = m;
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var before = trace[d];
            int V(int k) => before[k + d + 1];
            var k = x - y;
            var down = k == -d || (k != d && V(k - 1) < V(k + 1));
            var previousK = down ? k + 1 : k - 1;
            var previousX = V(previousK);
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                x--;
                y--;
                script.Add((DiffKind.Same, x, y));
            }
            if (down)
            {
                y--;
                script.Add((DiffKind.Added, x, y));
            }
            else
            {
                x--;
                script.Add((DiffKind.Removed, x, y));
            }
        }
        while (x > 0 && y > 0)
        {
            x--;
            y--;
            script.Add((DiffKind.Same, x, y));
        }
        script.Reverse();
        return script;
    }
}
