using Rampart.Core.Dockerfiles;
using Rampart.Core.Images;
using Rampart.Core.Packages;

namespace Rampart.Core.Findings;

/// <summary>Everything a hardening rule may look at, and the helpers that put its findings on files, layers and lines.</summary>
public sealed class RuleContext
{
    private readonly Lazy<IReadOnlyDictionary<int, DockerfileInstruction>> _dockerfileLines;
    private readonly Lazy<BaseImageBoundary> _boundary;

    public RuleContext(ImageSnapshot snapshot, OsRelease? os, IReadOnlyList<Package> packages, Dockerfile? dockerfile, HardeningPolicy policy)
    {
        Snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
        Packages = packages ?? throw new ArgumentNullException(nameof(packages));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Os = os;
        Dockerfile = dockerfile;
        _dockerfileLines = new(() => dockerfile is null
            ? new Dictionary<int, DockerfileInstruction>()
            : DockerfileHistory.Map(dockerfile, snapshot.Image.History));
        _boundary = new(() => BaseImageBoundary.Detect(snapshot.Image, _dockerfileLines.Value));
    }

    public ImageSnapshot Snapshot { get; }

    public ImageDescriptor Image => Snapshot.Image;

    public OsRelease? Os { get; }

    public IReadOnlyList<Package> Packages { get; }

    /// <summary>The Dockerfile the image was built from, when the user gave it.</summary>
    public Dockerfile? Dockerfile { get; }

    public HardeningPolicy Policy { get; }

    /// <summary>History entries (by index) mapped to the Dockerfile instructions that made them; empty without a Dockerfile.</summary>
    public IReadOnlyDictionary<int, DockerfileInstruction> DockerfileLines => _dockerfileLines.Value;

    public BaseImageBoundary Boundary => _boundary.Value;

    /// <summary>
    /// Runs <paramref name="rule"/> and gives each finding its origin: the rule's own when it set one (a config finding
    /// knows the build step that set the value), else the one the layers of its locations give (<see cref="BaseImageBoundary.OriginOf"/>).
    /// </summary>
    public IEnumerable<Finding> Evaluate(IRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Evaluate(this).Select(f => f.Origin == FindingOrigin.Unknown ? f with { Origin = Boundary.OriginOf(f.Locations) } : f);
    }

    /// <summary>The Dockerfile location of <paramref name="instruction"/>.</summary>
    public DockerfileLocation? LineOf(DockerfileInstruction? instruction) =>
        Dockerfile is null || instruction is null ? null : new DockerfileLocation(Dockerfile.Path, instruction.Line);

    /// <summary>The Dockerfile line that made history entry <paramref name="historyIndex"/>, when known.</summary>
    public DockerfileLocation? LineOfHistory(int historyIndex) =>
        LineOf(DockerfileLines.TryGetValue(historyIndex, out var instruction) ? instruction : null);

    /// <summary>The Dockerfile line whose step wrote <paramref name="layer"/>, when known.</summary>
    public DockerfileLocation? LineOfLayer(int layer)
    {
        var history = Image.History;
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i].Layer == layer)
            {
                return LineOfHistory(i);
            }
        }

        return null;
    }

    /// <summary>The last instruction with <paramref name="keyword"/> in the final stage's chain that satisfies <paramref name="predicate"/>.</summary>
    public DockerfileInstruction? LastInstruction(string keyword, Func<DockerfileInstruction, bool>? predicate = null) =>
        Dockerfile?.FinalStageChain().LastOrDefault(i => i.Keyword == keyword && (predicate is null || predicate(i)));

    /// <summary>
    /// The newest history entry with <paramref name="keyword"/> whose arguments satisfy <paramref name="predicate"/>:
    /// the step that set a piece of config, so a config finding can say whether the base image or the application set it.
    /// </summary>
    public int? LastHistoryIndex(string keyword, Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var history = Image.History;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var recorded = HistoryInstruction.Parse(history[i].CreatedBy);
            if (recorded.Keyword == keyword && predicate(recorded.Arguments))
            {
                return i;
            }
        }

        return null;
    }
}
