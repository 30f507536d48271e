-- Reception procedures the procedure navigator (org.madoguchi.navigator) hands to the kiosk that V3 did not
-- have: the bereavement corner and the ends of child benefits. Added by the navigator's migration so a plan
-- for 死亡 or 転出 names real procedures; each ward confirms names and minutes (要確認).
INSERT INTO reception.section (id, department_id, name_ja) VALUES
    ('koseki-okuyami', 'koseki-jumin', 'おくやみコーナー');

INSERT INTO reception.procedure (id, department_id, section_id, name_ja, name_en, typical_minutes) VALUES
    ('okuyami',             'koseki-jumin', 'koseki-okuyami', 'おくやみコーナー（死亡後の手続のご案内）', 'Bereavement corner (procedures after a death)', 30),
    ('jido-teate-shometsu', 'kosodate',     'kosodate-teate', '児童手当の受給事由消滅届',                 'Child allowance termination notice', 10),
    ('kodomo-iryo-henko',   'kosodate',     'kosodate-teate', '子ども医療証の変更・返却',                 'Child medical certificate change or return', 10);
