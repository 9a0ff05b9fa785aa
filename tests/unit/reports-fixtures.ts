import type { ReportChats, ReportSummary } from '../../src/protocol/reports';

/** A small, valid summary: three chats in one week of January. */
export function summaryFixture(overrides: Partial<ReportSummary> = {}): ReportSummary {
  const distribution = {
    count: 3,
    medianMs: 80_000,
    p90Ms: 240_000,
    buckets: [{ key: 'lt1', label: 'Under 1 min', chats: 3 }],
  };
  return {
    from: '2026-01-05',
    to: '2026-01-11',
    timeZone: 'Europe/London',
    departmentId: null,
    totals: {
      chats: 3,
      answered: 2,
      missed: 1,
      leftUnanswered: 1,
      transferred: 0,
      screenshared: 0,
      rated: 1,
      averageRating: 5,
      reference: 2,
      directional: 1,
    },
    perDay: [{ day: '2026-01-05', chats: 3, missed: 1 }],
    perWeek: [{ week: '2026-01-05', chats: 3, missed: 1 }],
    perMonth: [{ month: '2026-01', chats: 3, missed: 1 }],
    heatmap: [{ weekday: 1, hour: 10, chats: 3, staffedShare: 1 }],
    wait: distribution,
    firstReply: distribution,
    duration: distribution,
    questionTypes: [{ key: 'qt-1', label: 'Research', chats: 2, countsAs: 'reference' }],
    readLevels: [{ level: 2, chats: 2 }],
    ratings: [{ rating: 5, chats: 1 }],
    comments: [{ chatId: 'chat-1', rating: 5, comment: 'Thank you!', ratedAt: 1_767_607_200_000 }],
    operators: [{ id: 'op-sam', name: 'Sam', chats: 2, minutes: 12, rated: 1, averageRating: 5 }],
    browsers: [{ key: 'Firefox', label: 'Firefox', chats: 3 }],
    pages: [{ key: 'https://library.example/', label: 'https://library.example/', chats: 3 }],
    ...overrides,
  };
}

export function chatsFixture(page: number, total = 120): ReportChats {
  return {
    total,
    page,
    pageSize: 50,
    chats: [
      {
        chatId: `chat-${page}`,
        patronLabel: 'Riley',
        departmentName: 'General Reference',
        question: 'Do you have parish maps?',
        createdAt: 1_767_607_200_000,
        operatorName: 'Sam',
        waitMs: 30_000,
        durationMs: 300_000,
        questionTypeLabel: 'Research',
        rating: 5,
      },
    ],
  };
}
