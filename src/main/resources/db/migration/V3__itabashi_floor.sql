-- Itabashi City's default floor (audit 2024, section 5-1 and the 総合窓口運営連絡会 membership list).
-- Floors, areas and counter numbers are plausible defaults that each ward confirms (要確認) and edits
-- through a later migration of its own.
INSERT INTO reception.office (id, name_ja, name_en, opens_at, closes_at) VALUES
    ('honcho',   '本庁舎南館', 'City Hall South Building', '08:30', '17:15'),
    ('akatsuka', '赤塚支所',   'Akatsuka Branch Office',   '08:30', '17:00');

INSERT INTO reception.department (id, office_id, name_ja, name_en, floor, area, linked, sort_order) VALUES
    ('koseki-jumin',  'honcho', '戸籍住民課',                   'Family Register and Resident Records', '1階', 'A', true, 10),
    ('kosodate',      'honcho', '子育て支援課（子どもの手当医療係）', 'Child Allowances and Medical Aid',     '2階', 'D', true, 20),
    ('kokuho-nenkin', 'honcho', '国保年金課',                   'National Health Insurance and Pension', '1階', 'B', true, 30),
    ('choju',         'honcho', '長寿社会推進課',               'Active Ageing Promotion',              '2階', 'C', true, 40),
    ('kaigo',         'honcho', '介護保険課',                   'Long-Term Care Insurance',             '2階', 'C', true, 50),
    ('koki-korei',    'honcho', '後期高齢医療制度課',           'Late-Stage Elderly Medical Care',      '2階', 'C', true, 60),
    ('kazei',         'honcho', '課税課',                       'Taxation',                             '3階', 'E', false, 70),
    ('nozei',         'honcho', '納税課',                       'Tax Collection',                       '3階', 'E', false, 80),
    ('shogai',        'honcho', '障がいサービス課',             'Disability Services',                  '3階', 'F', false, 90),
    ('hoiku',         'honcho', '保育サービス課',               'Childcare Services',                   '2階', 'D', false, 100),
    ('akatsuka-madoguchi', 'akatsuka', '赤塚支所 区民窓口',     'Akatsuka Resident Services',           '1階', 'A', true, 10);

INSERT INTO reception.section (id, department_id, name_ja) VALUES
    ('koseki-koseki',        'koseki-jumin',  '戸籍係'),
    ('koseki-daicho',        'koseki-jumin',  '住民台帳係'),
    ('koseki-ido',           'koseki-jumin',  '住民異動係'),
    ('koseki-shomei',        'koseki-jumin',  '証明係'),
    ('koseki-mynumber',      'koseki-jumin',  'マイナンバーカード交付推進係'),
    ('kokuho-kyufu',         'kokuho-nenkin', '国保給付係'),
    ('kokuho-shikaku',       'kokuho-nenkin', '国保資格係'),
    ('kokuho-shuno',         'kokuho-nenkin', '国保収納係'),
    ('kokuho-nenkin',        'kokuho-nenkin', '国民年金係'),
    ('choju-senior',         'choju',         'シニア活動支援係'),
    ('kaigo-kyufu',          'kaigo',         '給付係'),
    ('koki-kanri',           'koki-korei',    '管理収納係'),
    ('kosodate-teate',       'kosodate',      '子どもの手当医療係'),
    ('kazei-zeimu',          'kazei',         '税務係'),
    ('nozei-shuno',          'nozei',         '庶務・収納係'),
    ('shogai-sodan',         'shogai',        '障がい相談係'),
    ('hoiku-nyuen',          'hoiku',         '入園相談係');

INSERT INTO reception.counter_group (id, office_id, name_ja, name_en, staff_rotate) VALUES
    ('elderly', 'honcho', '高齢者総合相談窓口', 'Seniors'' Shared Counter', true);

INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
SELECT 'honcho-' || n, 'honcho', NULL, n || '番窓口', 'Counter ' || n FROM generate_series(1, 8) n;
INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
SELECT 'honcho-' || n, 'honcho', NULL, n || '番窓口', 'Counter ' || n FROM generate_series(11, 16) n;
INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
SELECT 'honcho-' || n, 'honcho', NULL, n || '番窓口', 'Counter ' || n FROM generate_series(21, 23) n;
INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
SELECT 'honcho-' || n, 'honcho', 'elderly', n || '番窓口', 'Counter ' || n FROM generate_series(31, 34) n;
INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
SELECT 'honcho-' || n, 'honcho', NULL, n || '番窓口', 'Counter ' || n FROM generate_series(41, 46) n;
INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
SELECT 'honcho-' || n, 'honcho', NULL, n || '番窓口', 'Counter ' || n FROM generate_series(51, 54) n;
INSERT INTO reception.counter (id, office_id, counter_group_id, label_ja, label_en)
SELECT 'akatsuka-' || n, 'akatsuka', NULL, n || '番窓口', 'Counter ' || n FROM generate_series(1, 3) n;

INSERT INTO reception.counter_department (counter_id, department_id)
SELECT 'honcho-' || n, 'koseki-jumin' FROM generate_series(1, 8) n
UNION ALL SELECT 'honcho-' || n, 'kokuho-nenkin' FROM generate_series(11, 16) n
UNION ALL SELECT 'honcho-' || n, 'kosodate' FROM generate_series(21, 23) n
UNION ALL SELECT 'honcho-' || n, d FROM generate_series(31, 34) n, unnest(ARRAY['choju', 'kaigo', 'koki-korei']) d
UNION ALL SELECT 'honcho-' || n, 'kazei' FROM generate_series(41, 43) n
UNION ALL SELECT 'honcho-' || n, 'nozei' FROM generate_series(44, 46) n
UNION ALL SELECT 'honcho-' || n, 'shogai' FROM generate_series(51, 52) n
UNION ALL SELECT 'honcho-' || n, 'hoiku' FROM generate_series(53, 54) n
UNION ALL SELECT 'akatsuka-' || n, 'akatsuka-madoguchi' FROM generate_series(1, 3) n;

INSERT INTO reception.procedure (id, department_id, section_id, name_ja, name_en, typical_minutes) VALUES
    ('tennyu',            'koseki-jumin',  'koseki-ido',      '転入届',                     'Moving-in notification', 20),
    ('tenshutsu',         'koseki-jumin',  'koseki-ido',      '転出届',                     'Moving-out notification', 10),
    ('tenkyo',            'koseki-jumin',  'koseki-ido',      '転居届',                     'Change of address within the ward', 15),
    ('juminhyo',          'koseki-jumin',  'koseki-shomei',   '住民票の写し交付',            'Copy of residence record', 5),
    ('inkan-toroku',      'koseki-jumin',  'koseki-shomei',   '印鑑登録',                   'Seal registration', 10),
    ('inkan-shomei',      'koseki-jumin',  'koseki-shomei',   '印鑑登録証明書交付',          'Seal registration certificate', 5),
    ('koseki-shomei',     'koseki-jumin',  'koseki-koseki',   '戸籍証明書交付',              'Family register certificate', 7),
    ('konin',             'koseki-jumin',  'koseki-koseki',   '婚姻届',                     'Marriage notification', 15),
    ('rikon',             'koseki-jumin',  'koseki-koseki',   '離婚届',                     'Divorce notification', 15),
    ('shussei',           'koseki-jumin',  'koseki-koseki',   '出生届',                     'Birth notification', 15),
    ('shibo',             'koseki-jumin',  'koseki-koseki',   '死亡届',                     'Death notification', 15),
    ('mynumber-kofu',     'koseki-jumin',  'koseki-mynumber', 'マイナンバーカード交付',       'My Number card issuance', 15),
    ('mynumber-jusho',    'koseki-jumin',  'koseki-mynumber', 'マイナンバーカード住所変更',    'My Number card address update', 10),
    ('kokuho-kanyu',      'kokuho-nenkin', 'kokuho-shikaku',  '国民健康保険の加入',          'Joining National Health Insurance', 10),
    ('kokuho-dattai',     'kokuho-nenkin', 'kokuho-shikaku',  '国民健康保険の脱退',          'Leaving National Health Insurance', 10),
    ('kokuho-kyufu',      'kokuho-nenkin', 'kokuho-kyufu',    '国民健康保険の給付申請',      'National Health Insurance benefit claim', 10),
    ('kokuho-hokenryo',   'kokuho-nenkin', 'kokuho-shuno',    '保険料の納付相談',            'Premium payment consultation', 15),
    ('nenkin',            'kokuho-nenkin', 'kokuho-nenkin',   '国民年金の手続',              'National Pension procedures', 10),
    ('jido-teate',        'kosodate',      'kosodate-teate',  '児童手当の申請',              'Child allowance application', 15),
    ('kodomo-iryo',       'kosodate',      'kosodate-teate',  '子ども医療証の申請',          'Child medical certificate application', 10),
    ('hitorioya-genkyo',  'kosodate',      'kosodate-teate',  'ひとり親手当の現況届',        'Single-parent allowance status report', 15),
    ('keiro-nyuyoku',     'choju',         'choju-senior',    '敬老入浴事業の交付申請',      'Senior bathhouse pass application', 5),
    ('senior-club',       'choju',         'choju-senior',    'シニアクラブの実績報告',      'Senior club activity report', 10),
    ('kaigo-shikaku',     'kaigo',         'kaigo-kyufu',     '介護保険の資格手続',          'Long-term care insurance eligibility', 10),
    ('kaigo-nintei',      'kaigo',         'kaigo-kyufu',     '要介護認定の申請',            'Care needs certification application', 15),
    ('kaigo-kyufu',       'kaigo',         'kaigo-kyufu',     '介護保険の給付申請',          'Long-term care benefit claim', 10),
    ('koki-shikaku',      'koki-korei',    'koki-kanri',      '後期高齢者医療の資格手続',    'Late-stage elderly medical care eligibility', 10),
    ('koki-hokenryo',     'koki-korei',    'koki-kanri',      '後期高齢者医療の保険料相談',  'Late-stage elderly premium consultation', 10),
    ('jumin-zei-shinkoku','kazei',         'kazei-zeimu',     '住民税の申告',                'Resident tax return', 20),
    ('kazei-shomei',      'kazei',         'kazei-zeimu',     '課税・非課税証明書交付',      'Tax assessment certificate', 5),
    ('nozei-shomei',      'nozei',         'nozei-shuno',     '納税証明書交付',              'Tax payment certificate', 5),
    ('nofu-sodan',        'nozei',         'nozei-shuno',     '納付相談',                    'Tax payment consultation', 20),
    ('shogai-sodan',      'shogai',        'shogai-sodan',    '障がい福祉サービスの相談',    'Disability welfare services consultation', 20),
    ('hoiku-nyuen',       'hoiku',         'hoiku-nyuen',     '保育園の入園相談',            'Nursery admission consultation', 20),
    ('akatsuka-shomei',   'akatsuka-madoguchi', NULL,         '各種証明書の交付',            'Certificates', 5),
    ('akatsuka-ido',      'akatsuka-madoguchi', NULL,         '住民異動の届出',              'Resident moves', 15);

INSERT INTO reception.priority_class (id, rank, name_ja, name_en) VALUES
    ('PREGNANT',   10,  '妊娠中の方',         'Pregnant'),
    ('DISABILITY', 10,  '障がいのある方',     'Person with a disability'),
    ('ELDERLY',    20,  'ご高齢の方',         'Elderly'),
    ('GENERAL',    100, '一般',               'General');
