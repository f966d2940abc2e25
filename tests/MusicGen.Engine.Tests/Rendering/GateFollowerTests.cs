using MusicGen.Engine.Rendering;
using Shouldly;
using Xunit;

namespace MusicGen.Engine.Tests.Rendering;

/// <summary>The gate's level, eight frames per step, against the one-pole it stands for, frame by frame.</summary>
public sealed class GateFollowerTests
{
    private const float Rate = 44100f;

    [Fact]
    public void FollowsItsTargetAsTheOnePoleDoes()
    {
        var follower = new GateFollower(Rate);
        // In double: a float one-pole stalls a few millionths short of its target, where the increment falls under half an ulp.
        var pole = Math.Exp(-1.0 / (GateFollower.Seconds * Rate));
        var level = 1.0;

        // Shut, open, shut again before settling, and odd lengths, as sixteenths cut across blocks.
        (float Target, int Frames)[] steps = [(0.125f, 1000), (1f, 37), (0.125f, 3), (0.125f, 900), (1f, 4801), (0.5f, 129)];
        foreach (var (target, frames) in steps)
        {
            var (left, right) = (Enumerable.Repeat(0.5f, frames).ToArray(), Enumerable.Repeat(-0.25f, frames).ToArray());
            follower.Apply(target, left, right);
            for (var n = 0; n < frames; n++)
            {
                level += (target - level) * (1 - pole);
                ((double)left[n]).ShouldBe(0.5 * level, 1e-6, $"target {target}, frame {n}");
                ((double)right[n]).ShouldBe(-0.25 * level, 1e-6, $"target {target}, frame {n}");
            }
        }
    }

    [Fact]
    public void AnOpenSettledGateLeavesTheSamplesAlone()
    {
        var follower = new GateFollower(Rate);
        var samples = new[] { 0.1f, -0.7f, 0.3f };
        follower.Apply(1f, samples, default);
        samples.ShouldBe([0.1f, -0.7f, 0.3f]);
    }
}
