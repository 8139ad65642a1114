using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;
using RefreshJwt.Conformance.Evidence;
using RefreshJwt.Conformance.Target;

namespace RefreshJwt.Conformance.Catalogue;

/// <summary>
/// Makes a test method a catalogue case: a stable id, a level, a one-line title, the source of its expectation and what
/// that rests on (<see cref="Catalogue.Basis"/>: the doc wording quoted, or the readings), all as NUnit properties.
/// Around the test it hands the case the run's session, collects the case's evidence, applies the level's policy
/// (SHOULD failures warn, INFO records, a broken invariant fails any level, a failure on a reading says so first) and
/// compares the snapshot. An exception that is not a verdict (anything but NUnit's own) stops the run: exit 3, or 2 when the
/// target went away.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CaseAttribute(string id, Level level, string title, string source, Basis basis) : NUnitAttribute, IApplyToTest, IWrapTestMethod
{
    public const string IdProperty = "CaseId";
    public const string LevelProperty = "Level";
    public const string SourceProperty = "Source";
    public const string BasisProperty = "Basis";

    public string Id { get; } = id;

    public Level Level { get; } = level;

    public string Title { get; } = title;

    public string Source { get; } = source;

    public Basis Basis { get; } = basis;

    /// <summary>With <see cref="Basis.Documented"/>: the exact wordings of the source's pages the expectation rests on.</summary>
    public string[] Quotes { get; set; } = [];

    /// <summary>With <see cref="Basis.Reading"/>: the readings of <c>docs/contract.md#readings</c> the expectation rests on.</summary>
    public Reading[] Readings { get; set; } = [];

    /// <summary>The basis as one typed value, as every report shows it.</summary>
    public CaseBasis CaseBasis => new(Basis, Quotes, Readings);

    public void ApplyToTest(Test test)
    {
        test.Properties.Set(IdProperty, Id);
        test.Properties.Set(LevelProperty, Level.ToString().ToUpperInvariant());
        test.Properties.Set(SourceProperty, Source);
        test.Properties.Set(BasisProperty, CaseBasis.Text);
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

    /// <summary>The run's session, which the runner hangs on the loaded test tree's root; null outside a run.</summary>
    public static TargetSession? SessionOf(ITest? test)
    {
        for (; test is not null; test = test.Parent)
        {
            if (test.Properties.Get(SessionProperty) is TargetSession session)
            {
                return session;
            }
        }

        return null;
    }

    /// <summary>The property of the test tree's root holding the run's <see cref="TargetSession"/>.</summary>
    public const string SessionProperty = "_TargetSession";

    private sealed class CaseCommand(TestCommand inner, CaseAttribute @case) : DelegatingTestCommand(inner)
    {
        public override TestResult Execute(TestExecutionContext context)
        {
            var session = SessionOf(context.CurrentTest)
                ?? throw new InvalidOperationException("no target session: run the catalogue through ./run-conformance.sh");
            var result = context.CurrentResult;
            if (session.Stopped is not null)
            {
                result.SetResult(ResultState.Ignored, "not run: the run stopped");
                return result;
            }

            var record = new CaseRecord(@case.Id, @case.Level);
            if (context.TestObject is ConformanceCases cases)
            {
                cases.Session = session;
            }

            CaseRecord.Current = record;
            try
            {
                context.CurrentResult = innerCommand.Execute(context);
            }
            catch (ResultStateException e)
            {
                // Assert.Fail, Assert.Ignore and their kin: the case's own verdict.
                context.CurrentResult.RecordException(e);
            }
            catch (Exception e)
            {
                // Anything else is the harness breaking (or the target vanishing), never the case's verdict.
                session.Stop(@case.Id, e);
                context.CurrentResult.RecordException(e);
                return context.CurrentResult;
            }
            finally
            {
                CaseRecord.Current = null;
            }

            result = context.CurrentResult;
            try
            {
                record.Judge(result.ResultState.Status, result.Message, session.Settings.Strict, @case.CaseBasis.FailurePreamble);
                ApplyVerdictTo(result, record);
                session.Records.Add(record);
                CaseSnapshots.Compare(record, session.Settings, result);
            }
            catch (Exception e)
            {
                session.Stop(@case.Id, e);
                result.RecordException(e);
            }

            return result;
        }

        /// <summary>Brings NUnit's outcome in line with the verdict, so every runner sees the same thing.</summary>
        private static void ApplyVerdictTo(TestResult result, CaseRecord record)
        {
            switch (record.Verdict)
            {
                case Verdict.Fail when result.ResultState.Status != TestStatus.Failed:
                    result.SetResult(ResultState.Failure, record.Reason ?? "");
                    break;
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
