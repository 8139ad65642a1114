using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// Makes a test method a catalogue case: a stable id, a level, a one-line title and the source of its expectation,
/// all as NUnit properties. Around the test it collects the case's evidence, applies the level's policy
/// (SHOULD failures warn, INFO never fails) and compares the snapshot.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CaseAttribute(string id, Level level, string title, string source) : NUnitAttribute, IApplyToTest, IWrapTestMethod
{
    public const string IdProperty = "CaseId";
    public const string LevelProperty = "Level";
    public const string SourceProperty = "Source";

    public string Id { get; } = id;

    public Level Level { get; } = level;

    public string Title { get; } = title;

    public string Source { get; } = source;

    public void ApplyToTest(Test test)
    {
        test.Properties.Set(IdProperty, Id);
        test.Properties.Set(LevelProperty, Level.ToString().ToUpperInvariant());
        test.Properties.Set(SourceProperty, Source);
        test.Properties.Set(PropertyNames.Description, Title);
        test.Properties.Set(PropertyNames.Order, RunOrder(Id));
    }

    /// <summary>Within a fixture, cases run in id order: N02a before N02b before N03.</summary>
    private static int RunOrder(string id)
    {
        var digits = new string(id.Where(char.IsAsciiDigit).ToArray());
        var suffix = id[^1] is >= 'a' and <= 'z' ? id[^1] - 'a' + 1 : 0;
        return (int.TryParse(digits, out var number) ? number : 0) * 100 + suffix;
    }

    public TestCommand Wrap(TestCommand command) => new CaseCommand(command, this);

    private sealed class CaseCommand(TestCommand inner, CaseAttribute @case) : DelegatingTestCommand(inner)
    {
        public override TestResult Execute(TestExecutionContext context)
        {
            var session = TargetSession.Current;
            var record = new CaseRecord(@case.Id, @case.Level);
            CaseRecord.Current = record;
            try
            {
                context.CurrentResult = innerCommand.Execute(context);
            }
            catch (Exception e)
            {
                context.CurrentResult.RecordException(e);
            }
            finally
            {
                CaseRecord.Current = null;
            }

            var result = context.CurrentResult;
            record.Judge(result.ResultState.Status, result.Message, session?.Settings.Strict ?? false);
            ApplyVerdictTo(result, record);
            if (session is not null)
            {
                session.Records.Add(record);
                CaseSnapshots.Compare(record, session.Settings, result);
            }

            return result;
        }

        /// <summary>Brings NUnit's outcome in line with the verdict, so every runner sees the same thing.</summary>
        private static void ApplyVerdictTo(TestResult result, CaseRecord record)
        {
            switch (record.Verdict)
            {
                case Verdict.Warn:
                    result.SetResult(ResultState.Warning, record.Reason ?? "");
                    break;
                case Verdict.Info:
                    result.SetResult(ResultState.Success, record.Reason ?? "");
                    break;
            }
        }
    }
}
