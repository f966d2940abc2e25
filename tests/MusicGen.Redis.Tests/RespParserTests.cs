using System.Text;

namespace MusicGen.Redis.Tests;

public sealed class RespParserTests
{
    [Theory]
    [InlineData("+OK\r\n", RedisReplyKind.SimpleString, "OK")]
    [InlineData("-ERR bad thing\r\n", RedisReplyKind.Error, "ERR bad thing")]
    [InlineData(":-42\r\n", RedisReplyKind.Integer, "-42")]
    [InlineData("$5\r\na\r\nbc\r\n", RedisReplyKind.BulkString, "a\r\nbc")]
    [InlineData("$0\r\n\r\n", RedisReplyKind.BulkString, "")]
    [InlineData(",1.5\r\n", RedisReplyKind.Double, "1.5")]
    [InlineData("#t\r\n", RedisReplyKind.Boolean, "1")]
    [InlineData("(3492890328409238509324850943850943825024385\r\n", RedisReplyKind.BigNumber, "3492890328409238509324850943850943825024385")]
    [InlineData("=15\r\ntxt:Some string\r\n", RedisReplyKind.VerbatimString, "Some string")]
    [InlineData("!21\r\nSYNTAX invalid syntax\r\n", RedisReplyKind.Error, "SYNTAX invalid syntax")]
    public void TryParse_ScalarReply_GivesKindAndValue(string wire, RedisReplyKind kind, string value)
    {
        var reply = Parse(wire);

        reply.Kind.ShouldBe(kind);
        reply.AsString().ShouldBe(value);
    }

    [Theory]
    [InlineData("$-1\r\n")]
    [InlineData("*-1\r\n")]
    [InlineData("_\r\n")]
    public void TryParse_NilForms_GiveNull(string wire) => Parse(wire).IsNull.ShouldBeTrue();

    [Fact]
    public void TryParse_NestedAggregates_KeepStructure()
    {
        var reply = Parse("*3\r\n:1\r\n*2\r\n$1\r\na\r\n$-1\r\n%1\r\n+k\r\n~1\r\n+v\r\n");

        reply.Kind.ShouldBe(RedisReplyKind.Array);
        reply.Items[0].AsInt64().ShouldBe(1);
        reply.Items[1].Items[0].AsString().ShouldBe("a");
        reply.Items[1].Items[1].IsNull.ShouldBeTrue();
        reply.Items[2].Kind.ShouldBe(RedisReplyKind.Map);
        reply.Items[2].Items[0].AsString().ShouldBe("k");
        reply.Items[2].Items[1].Kind.ShouldBe(RedisReplyKind.Set);
    }

    [Fact]
    public void TryParse_AttributeThenReply_GivesTheReply()
    {
        var reply = Parse("|1\r\n+ttl\r\n:3600\r\n:7\r\n");

        reply.Kind.ShouldBe(RedisReplyKind.Integer);
        reply.Integer.ShouldBe(7);
    }

    [Fact]
    public void TryParse_PushFrame_IsPush()
    {
        Parse(">3\r\n+message\r\n+ch\r\n$2\r\nhi\r\n").Kind.ShouldBe(RedisReplyKind.Push);
    }

    [Fact]
    public void TryParse_EveryTruncation_ReportsIncompleteWithoutMoving()
    {
        var wire = Encoding.ASCII.GetBytes("*2\r\n$5\r\nhello\r\n%1\r\n:1\r\n,2.5\r\n");
        for (var length = 0; length < wire.Length; length++)
        {
            var position = 0;
            RespParser.TryParse(wire.AsSpan(0, length), ref position, out _, out _).ShouldBeFalse($"length {length}");
            position.ShouldBe(0);
        }
    }

    [Fact]
    public void TryParse_IncompleteBulk_ReportsBytesNeeded()
    {
        var position = 0;
        RespParser.TryParse(Encoding.ASCII.GetBytes("$1000\r\nabc"), ref position, out _, out var needed).ShouldBeFalse();
        needed.ShouldBe(7 + 1000 + 2);
    }

    [Fact]
    public void TryParse_TwoFramesInOneBuffer_ParsesBoth()
    {
        var wire = Encoding.ASCII.GetBytes("+A\r\n:2\r\n");
        var position = 0;
        RespParser.TryParse(wire, ref position, out var first, out _).ShouldBeTrue();
        RespParser.TryParse(wire, ref position, out var second, out _).ShouldBeTrue();

        first.AsString().ShouldBe("A");
        second.AsInt64().ShouldBe(2);
        position.ShouldBe(wire.Length);
    }

    private static RedisReply Parse(string wire)
    {
        var bytes = Encoding.UTF8.GetBytes(wire);
        var position = 0;
        RespParser.TryParse(bytes, ref position, out var reply, out _).ShouldBeTrue();
        position.ShouldBe(bytes.Length);
        return reply;
    }
}
