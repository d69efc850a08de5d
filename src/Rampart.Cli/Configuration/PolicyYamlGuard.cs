using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rampart.Cli.Configuration;

/// <summary>
/// Checks a YAML policy file as a stream of parser events before the configuration provider loads it. The provider
/// builds a node tree recursively and expands every alias: a file nested thousands of levels deep overflows the stack
/// (killing the process), and a "billion laughs" file of nested aliases expands exponentially (hanging it).
/// The event parser itself keeps its state on the heap, so walking its events is safe on any input.
/// </summary>
internal static class PolicyYamlGuard
{
    /// <summary>Nesting no policy file needs (the deepest key is three levels).</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes after alias expansion; a large policy has a few thousand.</summary>
    public const long MaxNodes = 100_000;

    /// <exception cref="UsageException">The file nests too deeply or expands to too many nodes.</exception>
    public static void Check(string path)
    {
        using var reader = File.OpenText(path);
        var parser = new Parser(reader);
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Start)>();
        long nodes = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        nodes += anchors.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                    case Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = 1;
                        }

                        break;
                    case SequenceStart or MappingStart:
                        nodes++;
                        var start = (NodeEvent)parser.Current;
                        open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, nodes));
                        if (open.Count > MaxDepth)
                        {
                            throw new UsageException($"Policy file '{path}' nests deeper than {MaxDepth} levels.");
                        }

                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0:
                        var (anchor, first) = open.Pop();
                        if (anchor is not null)
                        {
                            anchors[anchor] = nodes - first + 1;
                        }

                        break;
                }

                if (nodes > MaxNodes)
                {
                    throw new UsageException($"Policy file '{path}' expands to more than {MaxNodes} values (aliases of aliases?).");
                }
            }
        }
        catch (YamlException)
        {
            // Left to the configuration provider, which reports syntax errors with their position.
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections; the provider would hit it too, uncaught.
            throw new UsageException($"Policy file '{path}' is not valid YAML: {e.Message}");
        }
    }
}
