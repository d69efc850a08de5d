using Rampart.Core.Dockerfiles;

namespace Rampart.Rules.Tests.Dockerfiles;

public sealed class HistoryInstructionTests
{
    [Theory]
    [InlineData("/bin/sh -c #(nop)  CMD [\"bash\"]", "CMD", "[\"bash\"]")]
    [InlineData("/bin/sh -c #(nop) ADD file:3a1b2c in / ", "ADD", "file:3a1b2c in /")]
    [InlineData("/bin/sh -c apt-get update && apt-get install -y curl", "RUN", "apt-get update && apt-get install -y curl")]
    [InlineData("RUN /bin/sh -c make install # buildkit", "RUN", "make install")]
    [InlineData("/bin/bash -o pipefail -c curl -fsSL x | tar xz", "RUN", "curl -fsSL x | tar xz")]
    [InlineData("COPY --chown=1000:1000 app /app # buildkit", "COPY", "--chown=1000:1000 app /app")]
    [InlineData("EXPOSE map[22/tcp:{}]", "EXPOSE", "map[22/tcp:{}]")]
    [InlineData("USER app", "USER", "app")]
    [InlineData("Imported from -", null, "Imported from -")]
    [InlineData(null, null, "")]
    public void Reads_the_forms_builders_write(string? createdBy, string? keyword, string arguments)
    {
        var instruction = HistoryInstruction.Parse(createdBy);

        Assert.Equal(keyword, instruction.Keyword);
        Assert.Equal(arguments, instruction.Arguments);
    }

    [Theory]
    [InlineData("|2 TOKEN=abc VERSION=1.2 /bin/sh -c make")]
    [InlineData("RUN |2 TOKEN=abc VERSION=1.2 /bin/sh -c make # buildkit")]
    public void Build_arguments_before_a_RUN_are_recorded(string createdBy)
    {
        var instruction = HistoryInstruction.Parse(createdBy);

        Assert.Equal("RUN", instruction.Keyword);
        Assert.Equal("make", instruction.Arguments);
        Assert.Equal([new("TOKEN", "abc"), new("VERSION", "1.2")], instruction.BuildArgs);
    }
}
