using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Rampart.Testing;

/// <summary>
/// The repository's action.yml as the runner reads it for a Docker container action (inputs with their defaults,
/// outputs, image, entrypoint, args), and what the runner makes of it for one step: the arguments with
/// <c>${{ inputs.NAME }}</c> evaluated and the <c>INPUT_*</c> variables (actions/runner, ContainerActionHandler and
/// Handler.AddInputsToEnvironment).
/// </summary>
public sealed partial class ActionManifest
{
    private ActionManifest(YamlMappingNode root)
    {
        Inputs = Mapping(root, "inputs").Children.ToDictionary(
            p => Scalar(p.Key),
            p => ((YamlMappingNode)p.Value).Children.TryGetValue(new YamlScalarNode("default"), out var value) ? Scalar(value) : string.Empty,
            StringComparer.Ordinal);
        Outputs = Mapping(root, "outputs").Children.Keys.Select(Scalar).ToList();
        var runs = Mapping(root, "runs");
        Image = Scalar(runs["image"]);
        Entrypoint = Scalar(runs["entrypoint"]);
        Args = ((YamlSequenceNode)runs["args"]).Children.Select(Scalar).ToList();
    }

    /// <summary>The repository's action.yml.</summary>
    public static ActionManifest Repository { get; } = Load(Path.Combine(TestRepository.Root, "action.yml"));

    /// <summary>Every input with its default (empty when it has none), in file order.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary><c>runs.image</c>.</summary>
    public string Image { get; }

    /// <summary><c>runs.entrypoint</c>.</summary>
    public string Entrypoint { get; }

    /// <summary><c>runs.args</c> as written, with their expressions.</summary>
    public IReadOnlyList<string> Args { get; }

    public static ActionManifest Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return new ActionManifest((YamlMappingNode)stream.Documents[0].RootNode);
    }

    /// <summary>
    /// The step's inputs: the defaults with <paramref name="with"/> (a step's <c>with:</c>) over them. A default that is
    /// itself an expression, such as <c>${{ github.token }}</c>, must be given, since there is no workflow to evaluate it.
    /// </summary>
    public IReadOnlyDictionary<string, string> StepInputs(IReadOnlyDictionary<string, string> with)
    {
        ArgumentNullException.ThrowIfNull(with);
        var unknown = with.Keys.Where(k => !Inputs.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"action.yml declares no input {string.Join(", ", unknown)}.", nameof(with));
        }

        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, fallback) in Inputs)
        {
            inputs[name] = with.TryGetValue(name, out var value) ? value
                : fallback.Contains("${{", StringComparison.Ordinal)
                    ? throw new ArgumentException($"The default of input '{name}' is the expression {fallback}: give its value.", nameof(with))
                    : fallback;
        }

        return inputs;
    }

    /// <summary><c>runs.args</c> with every <c>${{ inputs.NAME }}</c> replaced by the step's value, one argument each.</summary>
    public IReadOnlyList<string> ArgsFor(IReadOnlyDictionary<string, string> with)
    {
        var inputs = StepInputs(with);
        return Args.Select(arg => InputReference().Replace(arg, m => inputs[m.Groups[1].Value])).ToList();
    }

    /// <summary>The variables the runner sets for the inputs: <c>INPUT_</c> and the name upper-cased, spaces made underscores (hyphens stay).</summary>
    public IReadOnlyDictionary<string, string> InputVariables(IReadOnlyDictionary<string, string> with) =>
        StepInputs(with).ToDictionary(p => "INPUT_" + p.Key.Replace(' ', '_').ToUpperInvariant(), p => p.Value, StringComparer.Ordinal);

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    [GeneratedRegex(@"\$\{\{ inputs\.([a-z-]+) \}\}")]
    private static partial Regex InputReference();
}
