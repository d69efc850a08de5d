using System.Buffers;

namespace Rampart.Core.Files;

/// <summary>Runs a selection's <see cref="IContentInspector"/>s over one file, streamed or in memory, and collects their extracts.</summary>
public static class ContentInspection
{
    /// <summary>Bytes an inspector sees before it decides: enough for an ELF header (64 bytes in the 64-bit class).</summary>
    public const int HeadLength = 64;

    private const int ChunkLength = 64 * 1024;

    /// <summary>
    /// Streams the <paramref name="size"/> bytes of <paramref name="data"/> (read forward from its current position)
    /// through every inspector that wants the file; reads only the head when none does. Returns the extracts by
    /// inspector name, or <see langword="null"/> when there are none.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, ReadOnlyMemory<byte>>?> InspectAsync(
        IReadOnlyList<IContentInspector> inspectors, Stream data, long size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inspectors);
        ArgumentNullException.ThrowIfNull(data);
        if (inspectors.Count == 0 || size <= 0)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkLength);
        try
        {
            var read = await data.ReadAtLeastAsync(buffer.AsMemory(0, (int)Math.Min(HeadLength, size)), (int)Math.Min(HeadLength, size), throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var active = Start(inspectors, buffer.AsSpan(0, read), size);
            if (active is null)
            {
                return null;
            }

            Feed(active, buffer.AsSpan(0, read));
            var remaining = size - read;
            while (remaining > 0 && active.Any(a => a.Wanted))
            {
                read = await data.ReadAsync(buffer.AsMemory(0, (int)Math.Min(ChunkLength, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                Feed(active, buffer.AsSpan(0, read));
                remaining -= read;
            }

            return Complete(active);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The same over a file whose bytes are in memory, fed in chunks as a stream would give them.</summary>
    public static IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? Inspect(IReadOnlyList<IContentInspector> inspectors, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(inspectors);
        if (inspectors.Count == 0 || content.IsEmpty || Start(inspectors, content[..Math.Min(HeadLength, content.Length)], content.Length) is not { } active)
        {
            return null;
        }

        for (var offset = 0; offset < content.Length && active.Any(a => a.Wanted); offset += ChunkLength)
        {
            Feed(active, content.Slice(offset, Math.Min(ChunkLength, content.Length - offset)));
        }

        return Complete(active);
    }

    private static List<Active>? Start(IReadOnlyList<IContentInspector> inspectors, ReadOnlySpan<byte> head, long size)
    {
        List<Active>? active = null;
        foreach (var inspector in inspectors)
        {
            if (inspector.Start(head, size) is { } inspection)
            {
                (active ??= []).Add(new Active(inspector.Name, inspection));
            }
        }

        return active;
    }

    private static void Feed(List<Active> active, ReadOnlySpan<byte> chunk)
    {
        foreach (var inspection in active)
        {
            if (inspection.Wanted)
            {
                inspection.Wanted = inspection.Inspection.Feed(chunk);
            }
        }
    }

    private static Dictionary<string, ReadOnlyMemory<byte>>? Complete(List<Active> active)
    {
        Dictionary<string, ReadOnlyMemory<byte>>? extracts = null;
        foreach (var inspection in active)
        {
            if (inspection.Inspection.Complete() is { } extract)
            {
                (extracts ??= new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal))[inspection.Name] = extract;
            }
        }

        return extracts;
    }

    private sealed class Active(string name, IContentInspection inspection)
    {
        public string Name { get; } = name;

        public IContentInspection Inspection { get; } = inspection;

        public bool Wanted { get; set; } = true;
    }
}
