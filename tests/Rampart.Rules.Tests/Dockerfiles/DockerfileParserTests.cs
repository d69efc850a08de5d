using Rampart.Core.Dockerfiles;

namespace Rampart.Rules.Tests.Dockerfiles;

public sealed class DockerfileParserTests
{
    [Fact]
    public void Instructions_keep_their_first_and_last_line_across_continuations_and_comments()
    {
        var dockerfile = DockerfileParser.Parse(
            "FROM debian:12\n" +
            "\n" +
            "# install things\n" +
            "RUN apt-get update && \\\n" +
            "    # a comment inside the continuation\n" +
            "\n" +
            "    apt-get install -y curl\n" +
            "USER 1000\n");

        var run = dockerfile.Instructions[1];
        Assert.Equal("RUN", run.Keyword);
        Assert.Equal(4, run.Line);
        Assert.Equal(7, run.EndLine);
        Assert.Equal("apt-get update &&     apt-get install -y curl", run.Arguments);
        Assert.Equal(8, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void Keywords_are_upper_cased_and_CRLF_is_accepted()
    {
        var dockerfile = DockerfileParser.Parse("from debian:12\r\nrun true\r\n");

        Assert.Equal(["FROM", "RUN"], dockerfile.Instructions.Select(i => i.Keyword));
        Assert.Equal("true", dockerfile.Instructions[1].Arguments);
    }

    [Fact]
    public void The_escape_directive_changes_the_continuation_character()
    {
        var dockerfile = DockerfileParser.Parse("# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir C:\\ `\n    && echo done\nUSER ContainerUser\n");

        Assert.Equal('`', dockerfile.EscapeCharacter);
        Assert.Equal(@"dir C:\     && echo done", dockerfile.Instructions[1].Arguments);
        Assert.Equal(5, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void A_directive_after_an_instruction_is_a_comment()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\n# escape=`\nRUN echo a \\\n b\n");

        Assert.Equal('\\', dockerfile.EscapeCharacter);
        Assert.Equal("echo a  b", dockerfile.Instructions[1].Arguments);
    }

    [Fact]
    public void Heredoc_bodies_are_kept_apart_and_do_not_become_instructions()
    {
        var dockerfile = DockerfileParser.Parse(
            "FROM debian:12\n" +
            "RUN <<EOF\n" +
            "set -e\n" +
            "FROM this-is-not-an-instruction\n" +
            "EOF\n" +
            "COPY <<-\"CONF\" <<ONE /etc/app/\n" +
            "\tkey=value\n" +
            "\tCONF\n" +
            "1\n" +
            "ONE\n" +
            "USER 1000\n");

        Assert.Equal(["FROM", "RUN", "COPY", "USER"], dockerfile.Instructions.Select(i => i.Keyword));
        var run = dockerfile.Instructions[1];
        Assert.Equal((2, 5), (run.Line, run.EndLine));
        Assert.Equal("set -e\nFROM this-is-not-an-instruction", Assert.Single(run.Heredocs).Body);
        var copy = dockerfile.Instructions[2];
        Assert.Equal(["CONF", "ONE"], copy.Heredocs.Select(h => h.Delimiter));
        Assert.Equal("key=value", copy.Heredocs[0].Body);
        Assert.Equal(11, dockerfile.Instructions[3].Line);
    }

    [Fact]
    public void A_here_string_is_not_a_heredoc()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12\nRUN cat <<< EOF\nUSER 1\n");

        Assert.Empty(dockerfile.Instructions[1].Heredocs);
        Assert.Equal(3, dockerfile.Instructions[2].Line);
    }

    [Fact]
    public void An_unterminated_heredoc_or_continuation_does_not_throw()
    {
        var heredoc = DockerfileParser.Parse("FROM debian:12\nRUN <<EOF\necho\n");
        var continuation = DockerfileParser.Parse("FROM debian:12\nRUN echo \\\n");

        Assert.Equal(3, heredoc.Instructions[1].EndLine);
        Assert.Equal("echo", continuation.Instructions[1].Arguments);
    }

    [Fact]
    public void Flags_are_split_from_the_value()
    {
        var dockerfile = DockerfileParser.Parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=secret,id=npm --network=none make\nADD --checksum=sha256:abc https://example.org/a.tgz /a/\n");

        var from = dockerfile.Instructions[0];
        Assert.Equal("$BUILDPLATFORM", from.Flag("platform")?.Value);
        Assert.Equal("golang:1.22 AS build", from.Value);
        var run = dockerfile.Instructions[1];
        Assert.Equal([new DockerfileFlag("mount", "type=secret,id=npm"), new DockerfileFlag("network", "none")], run.Flags);
        Assert.Equal("make", run.Value);
        Assert.Equal("sha256:abc", dockerfile.Instructions[2].Flag("checksum")?.Value);
    }

    [Fact]
    public void Stages_have_names_base_images_and_global_args_belong_to_none()
    {
        var dockerfile = DockerfileParser.Parse("ARG VERSION=12\nFROM debian:${VERSION} AS base\nRUN a\nFROM base as app\nRUN b\nFROM alpine:3.20\nRUN c\n");

        Assert.Equal(-1, dockerfile.Instructions[0].StageIndex);
        Assert.Equal(3, dockerfile.Stages.Count);
        Assert.Equal(("base", "debian:${VERSION}"), (dockerfile.Stages[0].Name, dockerfile.Stages[0].BaseImage));
        Assert.Equal("app", dockerfile.Stages[1].Name);
        Assert.Null(dockerfile.Stages[2].Name);
        Assert.Equal(6, dockerfile.FinalStage?.From.Line);
    }

    [Fact]
    public void The_final_stage_chain_includes_the_stages_it_builds_on()
    {
        var dockerfile = DockerfileParser.Parse("FROM debian:12 AS base\nRUN a\nFROM golang:1.22 AS build\nRUN b\nFROM base\nRUN c\n");

        Assert.Equal(["a", "c"], dockerfile.FinalStageChain().Select(i => i.Arguments));
    }
}
