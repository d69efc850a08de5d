namespace Rampart.Core.Dockerfiles;

/// <summary>A parsed Dockerfile: every instruction with its line numbers, grouped into build stages.</summary>
public sealed class Dockerfile
{
    internal Dockerfile(string path, char escapeCharacter, IReadOnlyList<DockerfileInstruction> instructions)
    {
        Path = path;
        EscapeCharacter = escapeCharacter;
        Instructions = instructions;
        Stages = BuildStages(instructions);
    }

    /// <summary>The path findings name, as the user gave it (<c>Dockerfile</c>, <c>build/app.Dockerfile</c>).</summary>
    public string Path { get; }

    /// <summary>The line-continuation character: <c>\</c>, or what an <c># escape=</c> directive chose.</summary>
    public char EscapeCharacter { get; }

    /// <summary>Every instruction in file order, including <c>ARG</c>s before the first <c>FROM</c>.</summary>
    public IReadOnlyList<DockerfileInstruction> Instructions { get; }

    /// <summary>Build stages in file order; the last one is the image that gets built unless a target is chosen.</summary>
    public IReadOnlyList<DockerfileStage> Stages { get; }

    public DockerfileStage? FinalStage => Stages.Count == 0 ? null : Stages[^1];

    /// <summary>
    /// The instructions that made the final image, oldest first and without <c>FROM</c>: those of the final stage,
    /// preceded by those of the stages it is built <c>FROM</c> by name (<c>FROM base AS app</c> reuses <c>base</c>).
    /// </summary>
    public IReadOnlyList<DockerfileInstruction> FinalStageChain()
    {
        var chain = new List<DockerfileInstruction>();
        var seen = new HashSet<int>();
        for (var stage = FinalStage; stage is not null && seen.Add(stage.Index); stage = ParentOf(stage))
        {
            chain.InsertRange(0, stage.Instructions.Where(i => i.Keyword != "FROM"));
        }

        return chain;
    }

    /// <summary>The earlier stage a stage is built <c>FROM</c> by name, or <see langword="null"/> when it starts from an image.</summary>
    public DockerfileStage? ParentOf(DockerfileStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return Stages.Take(stage.Index).LastOrDefault(s => s.Name is { } name && string.Equals(name, stage.BaseImage, StringComparison.OrdinalIgnoreCase));
    }

    private static List<DockerfileStage> BuildStages(IReadOnlyList<DockerfileInstruction> instructions)
    {
        var stages = new List<DockerfileStage>();
        DockerfileInstruction? from = null;
        var body = new List<DockerfileInstruction>();

        void Close()
        {
            if (from is not null)
            {
                stages.Add(DockerfileStage.Create(stages.Count, from, body.ToArray()));
            }
        }

        foreach (var instruction in instructions.Where(i => i.StageIndex >= 0))
        {
            if (instruction.Keyword == "FROM")
            {
                Close();
                from = instruction;
                body.Clear();
            }

            body.Add(instruction);
        }

        Close();
        return stages;
    }
}

/// <summary>One build stage: a <c>FROM</c> and what follows it up to the next <c>FROM</c>.</summary>
/// <param name="Index">Position, first stage 0.</param>
/// <param name="Name">The <c>AS</c> name, when given.</param>
/// <param name="BaseImage">The image or stage name after <c>FROM</c>, as written.</param>
/// <param name="From">The <c>FROM</c> instruction.</param>
/// <param name="Instructions">Every instruction of the stage, its <c>FROM</c> first.</param>
public sealed record DockerfileStage(int Index, string? Name, string BaseImage, DockerfileInstruction From, IReadOnlyList<DockerfileInstruction> Instructions)
{
    internal static DockerfileStage Create(int index, DockerfileInstruction from, IReadOnlyList<DockerfileInstruction> instructions)
    {
        var words = from.Value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var name = words.Length >= 3 && string.Equals(words[^2], "AS", StringComparison.OrdinalIgnoreCase) ? words[^1] : null;
        return new DockerfileStage(index, name, words.Length > 0 ? words[0] : string.Empty, from, instructions);
    }
}

/// <summary>One instruction, its continuation lines joined.</summary>
/// <param name="Keyword">Upper-case: <c>RUN</c>, <c>COPY</c>.</param>
/// <param name="Arguments">Everything after the keyword, flags included, continuation lines joined as the builder joins them.</param>
/// <param name="Flags">Leading <c>--name=value</c> options (<c>--mount</c>, <c>--from</c>, <c>--checksum</c>, <c>--platform</c>).</param>
/// <param name="Value">The arguments after the flags.</param>
/// <param name="Line">First line, 1-based.</param>
/// <param name="EndLine">Last line, heredoc bodies included.</param>
/// <param name="StageIndex">The stage it belongs to; -1 for instructions before the first <c>FROM</c>.</param>
/// <param name="Heredocs">Here-document bodies that follow the instruction.</param>
public sealed record DockerfileInstruction(
    string Keyword,
    string Arguments,
    IReadOnlyList<DockerfileFlag> Flags,
    string Value,
    int Line,
    int EndLine,
    int StageIndex,
    IReadOnlyList<Heredoc> Heredocs)
{
    /// <summary>The value of the first flag called <paramref name="name"/> (without dashes), or <see langword="null"/>.</summary>
    public DockerfileFlag? Flag(string name) => Flags.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An option of an instruction: <c>--mount=type=secret,id=npm</c> is <c>mount</c> with value <c>type=secret,id=npm</c>.</summary>
public sealed record DockerfileFlag(string Name, string? Value);

/// <summary>A here-document: <c>RUN &lt;&lt;EOF</c> ... <c>EOF</c>.</summary>
/// <param name="Delimiter">The word that ends it.</param>
/// <param name="Body">The lines between, joined with newlines.</param>
public sealed record Heredoc(string Delimiter, string Body);
